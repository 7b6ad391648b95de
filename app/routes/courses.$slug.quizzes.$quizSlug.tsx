import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CertificateNeeds } from "~/components/academy/course-outline.tsx";
import { coursePlace, requireVisibleCourse } from "~/modules/academy/course-page.server.ts";
import { newBadgesMessage, nextItem } from "~/modules/academy/progress.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { learnerState, submitQuiz } from "~/modules/academy/learning.server.ts";
import { answersFromForm, type QuizOption } from "~/modules/academy/quiz.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.quiz.title} · ${data.course.title} · Sentry Academy` : "Quiz · Sentry Academy" }];

async function findQuiz(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, course } = await requireVisibleCourse(request, params.slug!);
  const quiz = await prisma.quiz.findUnique({
    where: { courseId_slug: { courseId: course.id, slug: params.quizSlug! } },
    include: { questions: { orderBy: { position: "asc" } } },
  });
  if (!quiz) throw new Response("Not found", { status: 404 });
  return { user, course, quiz };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, quiz } = await findQuiz(request, params);
  const [{ previous, next }, attempts] = await Promise.all([
    coursePlace(course.id, quiz.position, null),
    user ? prisma.quizAttempt.findMany({ where: { userId: user.id, quizId: quiz.id }, orderBy: { createdAt: "desc" }, select: { score: true, passed: true, createdAt: true } }) : [],
  ]);
  return {
    course: { slug: course.slug, title: course.title },
    quiz: {
      title: quiz.title,
      introHtml: quiz.introHtml,
      passMark: quiz.passMark,
      // The right answers stay on the server until the learner submits.
      questions: quiz.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, options: (q.options as QuizOption[]).map(({ id, text }) => ({ id, text })) })),
    },
    previous,
    next,
    signedIn: Boolean(user),
    attempts: attempts.length,
    bestScore: attempts.length ? Math.max(...attempts.map((a) => a.score)) : null,
    passed: attempts.some((a) => a.passed),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, quiz } = await findQuiz(request, params);
  const outcome = await submitQuiz(user.id, { id: quiz.id, courseId: course.id, passMark: quiz.passMark }, answersFromForm(await request.formData())).catch(rethrowAsPage());
  const [best, state] = await Promise.all([
    prisma.quizAttempt.aggregate({ where: { userId: user.id, quizId: quiz.id }, _max: { score: true } }),
    learnerState(user.id, course.id),
  ]);
  // After a pass, "Continue" goes to the first item still needed, not just the next in the course.
  const todo = nextItem(outcome.items, state);
  return {
    score: outcome.graded.score,
    right: outcome.graded.right,
    total: outcome.graded.total,
    passed: outcome.graded.passed,
    bestScore: best._max.score ?? outcome.graded.score,
    courseCompleted: outcome.courseCompleted,
    certificateId: outcome.certificateId,
    // What is left for the certificate, by the rule that issues it (progress.ts).
    progress: outcome.progress,
    badgesMessage: newBadgesMessage(outcome.newBadges),
    continueTo: todo ? { kind: todo.kind, slug: todo.slug, title: todo.title } : null,
    results: quiz.questions.map((q) => {
      const r = outcome.graded.results.find((x) => x.questionId === q.id)!;
      return {
        id: q.id,
        prompt: q.prompt,
        kind: q.kind,
        correct: r.correct,
        explanationHtml: q.explanationHtml,
        options: (q.options as QuizOption[]).map((o) => ({ id: o.id, text: o.text, chosen: r.chosen.includes(o.id), correct: o.correct })),
      };
    }),
  };
}

type ResultOption = { text: string; chosen: boolean; correct: boolean };

/** Right, partly right (some right picks on a "choose all that apply" question), or wrong: never "Wrong" beside a right pick. */
function questionVerdict(q: { kind: string; correct: boolean; options: ResultOption[] }): "right" | "partly" | "wrong" {
  if (q.correct) return "right";
  return q.options.some((o) => o.chosen && o.correct) ? "partly" : "wrong";
}
const VERDICT_LABEL = { right: "✓ Right", partly: "◐ Partly right", wrong: "✗ Wrong" } as const;
const VERDICT_CLASS = { right: "text-emerald-800", partly: "text-amber-900", wrong: "text-red-800" } as const;

function optionNote(kind: string, o: ResultOption) {
  if (o.chosen) return o.correct ? "✓ Your answer: " : "✗ Your answer: ";
  return o.correct && kind === "MULTIPLE" ? "Missed: " : "";
}

/** "You missed: A and B. Not right: C." for a partly right answer. */
function missedLine(options: ResultOption[]) {
  const list = (xs: ResultOption[]) => xs.map((o) => `“${o.text.replace(/[.!?]$/, "")}”`).join(" and ");
  const missed = options.filter((o) => o.correct && !o.chosen);
  const extra = options.filter((o) => o.chosen && !o.correct);
  return [missed.length ? `You missed ${list(missed)}.` : null, extra.length ? `Not right: ${list(extra)}.` : null].filter(Boolean).join(" ");
}

export default function QuizPage() {
  const { course, quiz, previous, next, signedIn, attempts, bestScore, passed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const onward = result?.continueTo ?? next;
  return (
    <article className="mx-auto max-w-3xl" aria-labelledby="quiz-title">
      <Breadcrumb
        trail={[
          { to: "/courses", label: "Courses" },
          { to: `/courses/${course.slug}`, label: course.title },
        ]}
        current={quiz.title}
      />
      <h1 id="quiz-title" className="mt-1 text-3xl font-bold">
        {quiz.title}
      </h1>
      <p className="mt-2 text-ink-700">
        {quiz.questions.length} questions · pass mark {quiz.passMark}%
        {bestScore !== null ? ` · your best score ${bestScore}% over ${attempts} attempt${attempts === 1 ? "" : "s"}` : ""}
        {passed ? " · passed" : ""}
      </p>

      {result ? (
        <section aria-labelledby="result-title" className="mt-6">
          <div role="status" className={`card border-l-8 ${result.passed ? "border-l-emerald-600" : "border-l-amber-500"}`}>
            <h2 id="result-title" className="text-2xl font-bold">
              {result.passed ? "Passed" : "Not passed yet"}: {result.score}%
            </h2>
            <p className="mt-1">
              You got {result.right} of {result.total} right. {result.passed ? "Well done!" : `You need ${quiz.passMark}% to pass. Read the explanations and try again.`} Best
              score: {result.bestScore}%.
            </p>
            {result.badgesMessage ? <p className="mt-1 font-semibold">{result.badgesMessage}</p> : null}
            {result.passed ? (
              <CertificateNeeds progress={result.progress} certificateHref={result.certificateId ? `/certificates/${result.certificateId}` : null} className="mt-2 text-base" />
            ) : null}
            <div className="mt-4 flex flex-wrap gap-3">
              {result.certificateId && result.courseCompleted ? (
                <Link to={`/certificates/${result.certificateId}`} className="btn btn-primary">
                  Course complete: view your certificate
                </Link>
              ) : result.passed && onward ? (
                <Link to={itemUrl(course.slug, onward)} className="btn btn-primary">
                  Continue: {onward.title}
                </Link>
              ) : result.passed ? (
                <Link to={`/courses/${course.slug}`} className="btn btn-primary">
                  Back to the course
                </Link>
              ) : null}
              <Link to="." className="btn btn-secondary">
                Try again
              </Link>
            </div>
          </div>
          <ol className="mt-6 space-y-4">
            {result.results.map((q, i) => {
              const verdict = questionVerdict(q);
              return (
                <li key={q.id} className="card min-w-0 [overflow-wrap:anywhere]">
                  <h3 className="font-bold">
                    {i + 1}. {q.prompt} <span className={VERDICT_CLASS[verdict]}>{VERDICT_LABEL[verdict]}</span>
                  </h3>
                  <ul className="mt-2 space-y-1 text-sm">
                    {q.options.map((o) => (
                      <li key={o.id} className={o.correct && o.chosen ? "font-semibold text-emerald-900" : o.chosen ? "text-red-900" : o.correct ? "font-semibold text-ink-900" : ""}>
                        {optionNote(q.kind, o)}
                        {o.text}
                        {o.correct ? " (correct answer)" : o.chosen ? " (not a right answer)" : ""}
                      </li>
                    ))}
                  </ul>
                  {verdict === "partly" ? (
                    <p className="mt-2 text-sm">
                      {missedLine(q.options)}
                    </p>
                  ) : null}
                  <div className="prose-academy mt-2 rounded-lg bg-ink-100 p-3 text-sm" dangerouslySetInnerHTML={{ __html: q.explanationHtml }} />
                </li>
              );
            })}
          </ol>
        </section>
      ) : (
        <>
          {quiz.introHtml ? <div className="prose-academy mt-4" dangerouslySetInnerHTML={{ __html: quiz.introHtml }} /> : null}
          <Form method="post" className="mt-6 space-y-5">
            {quiz.questions.map((q, i) => (
              <fieldset key={q.id} className="card min-w-0">
                <legend className="float-left mb-3 w-full font-bold">
                  {i + 1}. {q.prompt}
                  <span className="block text-sm font-normal text-ink-700">{q.kind === "MULTIPLE" ? "Choose all that apply." : "Choose one."}</span>
                </legend>
                <div className="clear-both space-y-2">
                  {q.options.map((o) => (
                    <label key={o.id} className="flex cursor-pointer items-start gap-3 rounded-lg border border-ink-100 p-3 hover:bg-ink-100">
                      <input type={q.kind === "MULTIPLE" ? "checkbox" : "radio"} name={`q:${q.id}`} value={o.id} className="mt-1" />
                      <span className="min-w-0 [overflow-wrap:anywhere]">{o.text}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            {signedIn ? (
              <button type="submit" className="btn btn-primary" disabled={submitting}>
                {submitting ? "Grading…" : "Submit answers"}
              </button>
            ) : (
              <p>
                <Link to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`} className="btn btn-primary">
                  Log in to take the quiz
                </Link>
              </p>
            )}
          </Form>
        </>
      )}
      <nav aria-label="Course navigation" className="mt-10 flex justify-between border-t border-ink-300/60 pt-6 text-sm">
        {previous ? <Link to={itemUrl(course.slug, previous)}>← {previous.title}</Link> : <span />}
        {next ? <Link to={itemUrl(course.slug, next)}>{next.title} →</Link> : <span />}
      </nav>
    </article>
  );
}
