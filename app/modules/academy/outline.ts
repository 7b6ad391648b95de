/**
 * A course's outline arithmetic, without I/O: modules in order, each with its
 * lessons and quizzes in order. Lessons and quizzes share one `position`
 * sequence per course, and the learner pages walk the course by that position,
 * so it must run through the modules in their order: `flattenOutline` numbers
 * the items that way after every change.
 */
export type OutlineItemRef = { kind: "lesson" | "quiz"; id: string };
export type OutlineModule<I extends OutlineItemRef = OutlineItemRef> = { id: string; items: I[] };
export type Direction = "up" | "down";

const same = (a: OutlineItemRef, b: OutlineItemRef) => a.kind === b.kind && a.id === b.id;

/**
 * Moves an item one step. At the edge of its module it crosses into the
 * neighbouring module (to the end of the previous one, the start of the next);
 * null when it's already first or last in the course, or not in the outline.
 */
export function moveItem<M extends OutlineModule>(modules: M[], ref: OutlineItemRef, direction: Direction): M[] | null {
  const mi = modules.findIndex((m) => m.items.some((i) => same(i, ref)));
  if (mi < 0) return null;
  const next: M[] = modules.map((m) => ({ ...m, items: [...m.items] }));
  const items = next[mi].items;
  const ii = items.findIndex((i) => same(i, ref));
  const [item] = items.splice(ii, 1);
  if (direction === "up") {
    if (ii > 0) items.splice(ii - 1, 0, item);
    else if (mi > 0) next[mi - 1].items.push(item);
    else return null;
  } else {
    if (ii < items.length) items.splice(ii + 1, 0, item);
    else if (mi < next.length - 1) next[mi + 1].items.unshift(item);
    else return null;
  }
  return next;
}

/** Moves an entry of a list (a module, a quiz question) one step; null at the edge or when it isn't there. */
export function moveInList<M extends { id: string }>(modules: M[], id: string, direction: Direction): M[] | null {
  const index = modules.findIndex((m) => m.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= modules.length) return null;
  const next = [...modules];
  [next[index], next[other]] = [next[other], next[index]];
  return next;
}

/** Each item with its module and its course-wide position (0, 1, 2… through the modules in order). */
export function flattenOutline<I extends OutlineItemRef>(modules: OutlineModule<I>[]) {
  let position = 0;
  return modules.flatMap((m) => m.items.map((item) => ({ ...item, moduleId: m.id, position: position++ })));
}
