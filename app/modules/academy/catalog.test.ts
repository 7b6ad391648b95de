import { describe, expect, it } from "vitest";
import { excerpt, HIGHLIGHT_END as E, HIGHLIGHT_START as S } from "./catalog.ts";

const plain = (s: string) => s.replaceAll(S, "").replaceAll(E, "");

describe("search excerpts", () => {
  it("keeps the start of the matched sentence and marks the cut end with an ellipsis at a word boundary", () => {
    const summary = `See what users saw before an error: ${S}session${E} ${S}replay${E} helps you debug errors, rage clicks and dead clicks, mask private data, sample sessions for your team, and connect replays to traces and issues in one place.`;
    const out = excerpt(summary, 14);
    expect(plain(out)).toBe("See what users saw before an error: session replay helps you debug errors, rage…");
    expect(out).toContain(`${S}session${E}`);
  });

  it("starts at the sentence with the match, with an ellipsis where it cut before", () => {
    const text = `Short intro here. Another sentence. Use ${S}Session${E} Replay to answer support tickets faster.`;
    expect(plain(excerpt(text, 8))).toBe("…Use Session Replay to answer support tickets faster.");
    expect(plain(excerpt(text, 30))).toBe("Short intro here. Another sentence. Use Session Replay to answer support tickets faster."); // short: from its start
  });

  it("shows a short text whole, without ellipses, and closes a marker the cut ends inside", () => {
    expect(excerpt(`Learn ${S}tracing${E} basics.`)).toBe(`Learn ${S}tracing${E} basics.`);
    const cut = excerpt(`One two ${S}three four five`, 3);
    expect(cut.endsWith(`${E}…`)).toBe(true);
  });

  it("starts a few words before a match deep in a long sentence", () => {
    const words = Array.from({ length: 90 }, (_, i) => `w${i}`);
    words[50] = `${S}hit${E}`;
    const out = plain(excerpt(words.join(" "), 20));
    expect(out.startsWith("…w44 ")).toBe(true);
    expect(out).toContain("hit");
    expect(out.endsWith("…")).toBe(true);
  });
});
