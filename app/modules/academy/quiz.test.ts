import { describe, expect, it } from "vitest";
import { answersFromForm, gradeQuiz, type GradableQuestion } from "./quiz.ts";

const questions: GradableQuestion[] = [
  { id: "a", kind: "SINGLE", options: [{ id: "o1", text: "x", correct: true }, { id: "o2", text: "y", correct: false }] },
  {
    id: "b",
    kind: "MULTIPLE",
    options: [
      { id: "o1", text: "x", correct: true },
      { id: "o2", text: "y", correct: true },
      { id: "o3", text: "z", correct: false },
    ],
  },
];

describe("gradeQuiz", () => {
  it("needs exactly the right options for a multi-select question", () => {
    const partial = gradeQuiz(questions, { a: ["o1"], b: ["o1"] }, 70);
    expect(partial).toMatchObject({ right: 1, total: 2, score: 50, passed: false });
    const extra = gradeQuiz(questions, { a: ["o1"], b: ["o1", "o2", "o3"] }, 70);
    expect(extra.results[1].correct).toBe(false);
    const full = gradeQuiz(questions, { a: ["o1"], b: ["o2", "o1"] }, 70);
    expect(full).toMatchObject({ right: 2, score: 100, passed: true });
  });

  it("ignores options that don't belong to the question and unanswered questions count as wrong", () => {
    expect(gradeQuiz(questions, { a: ["o9"] }, 50)).toMatchObject({ right: 0, score: 0, passed: false });
  });

  it("reads answers from form fields", () => {
    const form = new URLSearchParams([["q:a", "o1"], ["q:b", "o1"], ["q:b", "o2"], ["intent", "submit"]]);
    expect(answersFromForm(form)).toEqual({ a: ["o1"], b: ["o1", "o2"] });
  });
});
