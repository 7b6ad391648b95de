import { describe, expect, it } from "vitest";
import { certificateNeeds, courseProgress, currentStreak, newBadgesMessage, earnedBadges, itemsAround, longestStreak, nextItem, type SyllabusItem } from "./progress.ts";

const items: SyllabusItem[] = [
  { kind: "lesson", id: "l1", slug: "a", title: "A", position: 0, required: true },
  { kind: "lesson", id: "l2", slug: "b", title: "B", position: 1, required: true },
  { kind: "lesson", id: "l3", slug: "c", title: "C (optional)", position: 2, required: false },
  { kind: "quiz", id: "q1", slug: "quiz", title: "Quiz", position: 3, required: true },
];
const state = (lessons: string[], quizzes: string[] = []) => ({ completedLessonIds: new Set(lessons), passedQuizIds: new Set(quizzes) });

describe("courseProgress", () => {
  it("counts required items only", () => {
    expect(courseProgress(items, state(["l1", "l3"]))).toEqual({ done: 1, total: 3, percent: 33, complete: false, lessonsLeft: 1, exercisesLeft: 0, quizzesLeft: 1 });
  });
  it("is complete when every required lesson is done and every required quiz passed", () => {
    expect(courseProgress(items, state(["l1", "l2"], ["q1"])).complete).toBe(true);
    expect(courseProgress(items, state(["l1", "l2", "l3"])).complete).toBe(false);
  });
});

describe("certificateNeeds", () => {
  it("counts what is left and names the items", () => {
    expect(certificateNeeds(courseProgress(items, state([])))).toEqual({
      count: "0 of 3 required items done",
      todo: "To get your certificate: finish 2 lessons and pass the quiz.",
    });
    expect(certificateNeeds(courseProgress(items, state(["l1"], ["q1"]))).todo).toBe("To get your certificate: finish 1 lesson.");
    expect(certificateNeeds(courseProgress(items, state(["l1", "l2"]))).todo).toBe("To get your certificate: pass the quiz.");
    expect(certificateNeeds(courseProgress(items, state([])), { started: false }).todo).toBe("To get a certificate: finish 2 lessons and pass the quiz.");
  });
  it("has nothing left to do once the certificate's rule is met", () => {
    const needs = certificateNeeds(courseProgress(items, state(["l1", "l2"], ["q1"])));
    expect(needs).toEqual({ count: "3 of 3 required items done", todo: null });
  });
  it("names exercises apart from lessons (decision 041), in a list", () => {
    const withExercises = [
      ...items,
      { kind: "lesson" as const, id: "x1", slug: "x1", title: "X1", position: 5, required: true, exercise: true },
      { kind: "lesson" as const, id: "x2", slug: "x2", title: "X2", position: 6, required: true, exercise: true },
    ];
    expect(certificateNeeds(courseProgress(withExercises, state([]))).todo).toBe("To get your certificate: finish 2 lessons, pass 2 exercises and pass the quiz.");
    expect(certificateNeeds(courseProgress(withExercises, state(["l1", "l2", "x1"], ["q1"]))).todo).toBe("To get your certificate: pass the exercise.");
    expect(courseProgress(withExercises, state(["l1", "l2", "x1", "x2"], ["q1"])).complete).toBe(true);
  });
  it("counts several quizzes", () => {
    const two = [...items, { kind: "quiz" as const, id: "q2", slug: "q2", title: "Q2", position: 4, required: true }];
    expect(certificateNeeds(courseProgress(two, state(["l1", "l2"]))).todo).toBe("To get your certificate: pass 2 quizzes.");
  });
});

describe("nextItem", () => {
  it("starts at the beginning", () => expect(nextItem(items, state([]))?.id).toBe("l1"));
  it("resumes the lesson the learner was on when unfinished", () => expect(nextItem(items, state(["l1"]), "l3")?.id).toBe("l3"));
  it("moves past the last lesson worked on once it is done", () => expect(nextItem(items, state(["l1", "l2"]), "l2")?.id).toBe("l3"));
  it("goes back to an earlier gap when everything after is done", () =>
    expect(nextItem(items, state(["l2", "l3"], ["q1"]), "l3")?.id).toBe("l1"));
  it("is null when all is done", () => expect(nextItem(items, state(["l1", "l2", "l3"], ["q1"]))).toBeNull());
});

describe("streaks", () => {
  const d = (s: string) => new Date(`${s}T12:00:00Z`);
  it("counts consecutive days ending today", () => {
    expect(currentStreak([d("2026-11-20"), d("2026-11-21"), d("2026-11-22")], d("2026-11-22"))).toBe(3);
  });
  it("keeps the streak alive until a full day is missed", () => {
    expect(currentStreak([d("2026-11-20"), d("2026-11-21")], d("2026-11-22"))).toBe(2);
    expect(currentStreak([d("2026-11-20")], d("2026-11-22"))).toBe(0);
  });
  it("finds the longest run", () => {
    expect(longestStreak([d("2026-11-01"), d("2026-11-02"), d("2026-11-05"), d("2026-11-06"), d("2026-11-07"), d("2026-11-07")])).toBe(3);
  });
});

describe("earnedBadges", () => {
  it("awards badges by milestone", () => {
    expect(earnedBadges({ completedLessons: 0, completedCourses: 0, completedPaths: 0, perfectQuizzes: 0, longestStreak: 0 })).toEqual([]);
    expect(earnedBadges({ completedLessons: 5, completedCourses: 1, completedPaths: 0, perfectQuizzes: 1, longestStreak: 3 })).toEqual([
      "first-lesson",
      "first-course",
      "quiz-ace",
      "streak-3",
    ]);
  });
});

describe("itemsAround", () => {
  it("links the items before and after, and nothing past the ends", () => {
    expect(itemsAround(items, 1)).toEqual({ previous: { kind: "lesson", slug: "a", title: "A" }, next: { kind: "lesson", slug: "c", title: "C (optional)" } });
    expect(itemsAround(items, 0).previous).toBeNull();
    expect(itemsAround(items, 3).next).toBeNull();
  });
});

describe("newBadgesMessage", () => {
  it("names the badges", () => {
    expect(newBadgesMessage([])).toBe("");
    expect(newBadgesMessage(["first-lesson"])).toBe("You earned the “First lesson” badge.");
    expect(newBadgesMessage(["first-lesson", "quiz-ace", "streak-3"])).toBe("You earned 3 badges: “First lesson”, “Quiz ace” and “On a roll”.");
  });
});
