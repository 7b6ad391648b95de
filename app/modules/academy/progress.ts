/**
 * Progress arithmetic, without I/O: course completion, the next item to work
 * on, streaks and badges.
 */

/** `exercise`: a lesson with an exercise (decision 041), completed by passing its tests; still a lesson for progress. */
export type SyllabusItem = { kind: "lesson" | "quiz"; id: string; slug: string; title: string; position: number; required: boolean; exercise?: boolean };
export type ItemState = { completedLessonIds: ReadonlySet<string>; passedQuizIds: ReadonlySet<string> };

function isItemDone(item: Pick<SyllabusItem, "kind" | "id">, state: ItemState) {
  return item.kind === "lesson" ? state.completedLessonIds.has(item.id) : state.passedQuizIds.has(item.id);
}

/**
 * What a certificate needs, in one place: every required lesson completed and
 * every required quiz passed (optional items never block it). `complete` is
 * the rule `afterProgress` issues certificates by; the counts say what's left.
 */
export function courseProgress(items: SyllabusItem[], state: ItemState) {
  const required = items.filter((i) => i.required);
  const left = required.filter((i) => !isItemDone(i, state));
  const done = required.length - left.length;
  return {
    done,
    total: required.length,
    percent: required.length === 0 ? 0 : Math.round((done / required.length) * 100),
    complete: required.length > 0 && left.length === 0,
    lessonsLeft: left.filter((i) => i.kind === "lesson" && !i.exercise).length,
    exercisesLeft: left.filter((i) => i.kind === "lesson" && i.exercise).length,
    quizzesLeft: left.filter((i) => i.kind === "quiz").length,
  };
}

export type CourseProgress = ReturnType<typeof courseProgress>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one wording of the certificate count (course page, lesson page, quiz
 * result, dashboard): "2 of 6 required items done" and "To get your
 * certificate: finish 3 lessons, pass 2 exercises and pass the quiz." (`todo` is null once the
 * certificate is earned). `started` false speaks to someone who hasn't begun.
 */
export function certificateNeeds(progress: CourseProgress, { started = true }: { started?: boolean } = {}) {
  const { done, total, lessonsLeft, quizzesLeft, complete } = progress;
  const exercisesLeft = progress.exercisesLeft ?? 0;
  const steps = [
    lessonsLeft ? `finish ${count(lessonsLeft, "lesson", "lessons")}` : null,
    exercisesLeft ? (exercisesLeft === 1 ? "pass the exercise" : `pass ${exercisesLeft} exercises`) : null,
    quizzesLeft ? (quizzesLeft === 1 ? "pass the quiz" : `pass ${quizzesLeft} quizzes`) : null,
  ].filter(Boolean);
  const list = steps.length > 1 ? `${steps.slice(0, -1).join(", ")} and ${steps.at(-1)}` : steps.join("");
  return {
    count: `${done} of ${count(total, "required item", "required items")} done`,
    todo: complete || total === 0 ? null : `To get ${started ? "your" : "a"} certificate: ${list}.`,
  };
}

/**
 * Where "Continue" goes: the first unfinished item after the last lesson the
 * learner worked on, else the first unfinished item, else the last lesson.
 */
export function nextItem(items: SyllabusItem[], state: ItemState, lastLessonId?: string | null): SyllabusItem | null {
  const sorted = [...items].sort((a, b) => a.position - b.position);
  const start = lastLessonId ? sorted.findIndex((i) => i.id === lastLessonId) : -1;
  if (start >= 0 && !isItemDone(sorted[start], state)) return sorted[start];
  const after = sorted.slice(start + 1).find((i) => !isItemDone(i, state));
  return after ?? sorted.find((i) => !isItemDone(i, state)) ?? null;
}

/** The items before and after the one at `position`, as links need them. */
export function itemsAround(items: SyllabusItem[], position: number) {
  const index = items.findIndex((i) => i.position === position);
  const pick = (i: SyllabusItem | undefined) => (i ? { kind: i.kind, slug: i.slug, title: i.title } : null);
  return { previous: index > 0 ? pick(items[index - 1]) : null, next: index >= 0 ? pick(items[index + 1]) : null };
}

const DAY = 86_400_000;
const dayNumber = (d: Date) => Math.floor(d.getTime() / DAY);

/**
 * Days in a row with activity, ending today or yesterday (a streak isn't
 * broken until a whole day passes without activity). Days are UTC dates.
 */
export function currentStreak(activityDays: Date[], today: Date = new Date()): number {
  const days = new Set(activityDays.map(dayNumber));
  let day = dayNumber(today);
  if (!days.has(day)) day -= 1;
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day--;
  }
  return streak;
}

export function longestStreak(activityDays: Date[]): number {
  const days = [...new Set(activityDays.map(dayNumber))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i] === days[i - 1] + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

export const BADGES = [
  { slug: "first-lesson", label: "First lesson", description: "Completed your first lesson" },
  { slug: "first-course", label: "First course", description: "Completed a whole course" },
  { slug: "first-path", label: "Path finder", description: "Completed every course of a learning path" },
  { slug: "quiz-ace", label: "Quiz ace", description: "Scored 100% on a quiz" },
  { slug: "streak-3", label: "On a roll", description: "Learned three days in a row" },
  { slug: "streak-7", label: "Week of learning", description: "Learned seven days in a row" },
] as const;
export type BadgeSlug = (typeof BADGES)[number]["slug"];

/** "You earned the “First lesson” badge." for the toasts and results that announce new badges ("" for none). */
export function newBadgesMessage(slugs: readonly string[]): string {
  const names = slugs.map((slug) => BADGES.find((b) => b.slug === slug)?.label).filter(Boolean).map((label) => `“${label}”`);
  if (names.length === 0) return "";
  if (names.length === 1) return `You earned the ${names[0]} badge.`;
  return `You earned ${names.length} badges: ${names.slice(0, -1).join(", ")} and ${names.at(-1)}.`;
}

export type LearnerStats = {
  completedLessons: number;
  completedCourses: number;
  completedPaths: number;
  perfectQuizzes: number;
  longestStreak: number;
};

/** Every badge the stats earn (the caller stores the new ones). */
export function earnedBadges(stats: LearnerStats): BadgeSlug[] {
  const earned: BadgeSlug[] = [];
  if (stats.completedLessons >= 1) earned.push("first-lesson");
  if (stats.completedCourses >= 1) earned.push("first-course");
  if (stats.completedPaths >= 1) earned.push("first-path");
  if (stats.perfectQuizzes >= 1) earned.push("quiz-ace");
  if (stats.longestStreak >= 3) earned.push("streak-3");
  if (stats.longestStreak >= 7) earned.push("streak-7");
  return earned;
}
