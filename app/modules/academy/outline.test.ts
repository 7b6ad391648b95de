import { describe, expect, it } from "vitest";
import { flattenOutline, moveItem, moveInList, type OutlineModule } from "./outline.ts";

const lesson = (id: string) => ({ kind: "lesson" as const, id });
const outline: OutlineModule[] = [
  { id: "m1", items: [lesson("a"), lesson("b")] },
  { id: "m2", items: [] },
  { id: "m3", items: [lesson("c"), { kind: "quiz", id: "q" }] },
];
const ids = (modules: OutlineModule[] | null) => modules?.map((m) => `${m.id}:${m.items.map((i) => i.id).join(",")}`);

describe("moveItem", () => {
  it("swaps an item with its neighbour inside a module", () => {
    expect(ids(moveItem(outline, lesson("b"), "up"))).toEqual(["m1:b,a", "m2:", "m3:c,q"]);
    expect(ids(moveItem(outline, lesson("c"), "down"))).toEqual(["m1:a,b", "m2:", "m3:q,c"]);
  });

  it("crosses into the neighbouring module at a module's edge, empty modules included", () => {
    expect(ids(moveItem(outline, lesson("b"), "down"))).toEqual(["m1:a", "m2:b", "m3:c,q"]);
    expect(ids(moveItem(outline, lesson("c"), "up"))).toEqual(["m1:a,b", "m2:c", "m3:q"]);
  });

  it("refuses to move past the course's ends, and leaves the input alone", () => {
    expect(moveItem(outline, lesson("a"), "up")).toBeNull();
    expect(moveItem(outline, { kind: "quiz", id: "q" }, "down")).toBeNull();
    expect(moveItem(outline, { kind: "quiz", id: "a" }, "down")).toBeNull();
    expect(ids(outline)).toEqual(["m1:a,b", "m2:", "m3:c,q"]);
  });
});

describe("moveInList", () => {
  it("swaps with the neighbour, and refuses at the ends", () => {
    expect(moveInList(outline, "m2", "up")?.map((m) => m.id)).toEqual(["m2", "m1", "m3"]);
    expect(moveInList(outline, "m1", "up")).toBeNull();
    expect(moveInList(outline, "m3", "down")).toBeNull();
  });
});

describe("flattenOutline", () => {
  it("numbers lessons and quizzes in one sequence through the modules in order", () => {
    expect(flattenOutline(outline).map((i) => [i.id, i.moduleId, i.position])).toEqual([
      ["a", "m1", 0],
      ["b", "m1", 1],
      ["c", "m3", 2],
      ["q", "m3", 3],
    ]);
  });
});
