import { describe, expect, it } from "vitest";
import { activitySentence, activityValue, activityWords } from "./activity.ts";

describe("activitySentence", () => {
  it("words statuses, sides and field names, whatever path wrote the change", () => {
    const row = { kind: "task" as const, title: "Install the SDK" };
    expect(activitySentence({ action: "edited", row, changes: [{ field: "status", old: "NOT_STARTED", new: "COMPLETED" }] })).toBe("set the status of task “Install the SDK” to Completed");
    expect(activitySentence({ action: "edited", row, changes: [{ field: "dueDate", new: null }] })).toBe("set the due date of task “Install the SDK” to (empty)");
    expect(
      activitySentence({ action: "edited", row: { kind: "milestone", title: "Kick-off" }, changes: [{ field: "side", new: "CUSTOMER" }, { field: "status", new: "BLOCKED" }, { field: "owner", new: "Alice" }] }),
    ).toBe("updated milestone “Kick-off”: side Customer, status Blocked, owner Alice");
    expect(activitySentence({ action: "edited-poc", changes: [{ field: "internalNotes" }, { field: "status", old: "PLANNING", new: "ACTIVE" }] })).toBe("updated internal notes, status");
  });

  it("keeps the sentences the feed has always shown for adding, removing, moving and the link", () => {
    expect(activitySentence({ action: "created-poc" })).toBe("created the POC from the templates");
    expect(activitySentence({ action: "added", row: { kind: "task", title: "First" }, phase: "Rollout" })).toBe("added task “First” to Rollout");
    expect(activitySentence({ action: "added", row: { kind: "criterion", title: "Fast triage" } })).toBe("added success criterion “Fast triage”");
    expect(activitySentence({ action: "added", row: { kind: "member", title: "Riley Chen" }, side: "CUSTOMER" })).toBe("added customer team member Riley Chen");
    expect(activitySentence({ action: "removed", row: { kind: "milestone", title: "Security review" } })).toBe("removed milestone “Security review”");
    expect(activitySentence({ action: "moved", row: { kind: "criterion", title: "x" }, direction: "up" })).toBe("moved a success criterion up");
    expect(activitySentence({ action: "confirmed-tech-stack", platforms: [] })).toBe("confirmed the tech stack: (none)");
    expect(activitySentence({ action: "created-link", expiresOn: "2030-01-31" })).toBe("created a new customer link (expires 2030-01-31)");
    expect(activitySentence({ action: "revoked-link" })).toBe("revoked the customer link");
  });
});

describe("activityWords and activityValue", () => {
  it("words a line from its data, and shows an old line without data as it was stored", () => {
    expect(activityWords({ data: { action: "revoked-link" }, summary: "anything" })).toBe("revoked the customer link");
    expect(activityWords({ data: null, summary: "did something the old way" })).toBe("did something the old way");
  });

  it("stores dates as their calendar day and nothing as null", () => {
    expect(activityValue(new Date("2030-03-05T00:00:00Z"))).toBe("2030-03-05");
    expect(activityValue(undefined)).toBeNull();
    expect(activityValue(7)).toBe("7");
  });
});
