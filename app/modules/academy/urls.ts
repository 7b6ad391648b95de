/** URLs of Academy pages, shared by the server and the browser. */
export function itemUrl(courseSlug: string, item: { kind: "lesson" | "quiz" | string; slug: string }) {
  return `/courses/${courseSlug}/${item.kind === "quiz" ? "quizzes" : "lessons"}/${item.slug}`;
}
