/** Quiz grading, without I/O. The server grades; the browser never sees which options are right before submitting. */
export type QuizOption = { id: string; text: string; correct: boolean };
export type GradableQuestion = { id: string; kind: "SINGLE" | "MULTIPLE"; options: QuizOption[] };
export type Answers = Record<string, string[]>;

type GradedQuestion = { questionId: string; correct: boolean; chosen: string[]; correctOptionIds: string[] };

/** A question is right when exactly the correct options are chosen. */
export function gradeQuiz(questions: GradableQuestion[], answers: Answers, passMark: number) {
  const results: GradedQuestion[] = questions.map((q) => {
    const correctOptionIds = q.options.filter((o) => o.correct).map((o) => o.id).sort();
    const valid = new Set(q.options.map((o) => o.id));
    const chosen = [...new Set((answers[q.id] ?? []).filter((id) => valid.has(id)))].sort();
    const correct = chosen.length === correctOptionIds.length && chosen.every((id, i) => id === correctOptionIds[i]);
    return { questionId: q.id, correct, chosen, correctOptionIds };
  });
  const right = results.filter((r) => r.correct).length;
  const score = questions.length === 0 ? 0 : Math.round((right / questions.length) * 100);
  return { results, right, total: questions.length, score, passed: score >= passMark };
}

/** Answers from a submitted form: fields named "q:<questionId>" (radio or checkboxes). */
export function answersFromForm(form: FormData | URLSearchParams): Answers {
  const answers: Answers = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("q:") || typeof value !== "string") continue;
    (answers[key.slice(2)] ??= []).push(value);
  }
  return answers;
}
