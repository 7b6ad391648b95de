import { describe, expect, it } from "vitest";
import { resumeAt, withStart } from "./video-player.tsx";

describe("resumeAt", () => {
  it("resumes at the saved whole second", () => {
    expect(resumeAt(125.7, 600)).toBe(125);
    expect(resumeAt(2, 4)).toBe(2);
    expect(resumeAt(40, null)).toBe(40);
  });
  it("starts from the beginning with nothing saved, or near the end (5 s, a tenth of a short video)", () => {
    expect(resumeAt(0, 600)).toBe(0);
    expect(resumeAt(-3, 600)).toBe(0);
    expect(resumeAt(595, 600)).toBe(0);
    expect(resumeAt(594, 600)).toBe(594);
    expect(resumeAt(3.7, 4)).toBe(0);
    expect(resumeAt(700, 600)).toBe(0);
  });
});

describe("withStart", () => {
  it("adds a media fragment, replacing one already there, and none at 0", () => {
    expect(withStart("/files/a/video.mp4?exp=1&u=-&sig=x", 12)).toBe("/files/a/video.mp4?exp=1&u=-&sig=x#t=12");
    expect(withStart("/media/intro.mp4#t=3", 12)).toBe("/media/intro.mp4#t=12");
    expect(withStart("/media/intro.mp4", 0)).toBe("/media/intro.mp4");
  });
});
