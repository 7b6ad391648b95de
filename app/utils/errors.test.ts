import { describe, expect, it } from "vitest";
import { CourseConflict, CourseForbidden, CourseNotFound } from "~/modules/academy/course-admin.server.ts";
import { Forbidden, NotFound, QuotaExceeded } from "~/modules/poc/poc.server.ts";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, pageIntents, QuotaExceededError, toApiResponse, toPageResponse, UNKNOWN_INTENT } from "./errors.ts";

describe("the error vocabulary", () => {
  it("the modules' errors are domain errors with a message for people", () => {
    expect(new CourseForbidden()).toBeInstanceOf(ForbiddenError);
    expect(new CourseForbidden().message).toBe("Only the course's author and admins can edit it.");
    expect(new CourseNotFound()).toBeInstanceOf(NotFoundError);
    expect(new CourseConflict("Taken.")).toBeInstanceOf(ConflictError);
    expect(new NotFound()).toBeInstanceOf(NotFoundError);
    expect(new Forbidden()).toBeInstanceOf(ForbiddenError);
    expect(new QuotaExceeded("Full.")).toBeInstanceOf(QuotaExceededError);
    expect(new CourseForbidden()).toBeInstanceOf(DomainError);
  });

  it("answers the JSON API with { error, message } and the status", async () => {
    const response = toApiResponse(new CourseForbidden());
    expect(response.status).toBe(403);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "forbidden", message: "Only the course's author and admins can edit it." });
    expect(await toApiResponse(new QuotaExceeded("Your team is full.")).json()).toEqual({ error: "quota_exceeded", message: "Your team is full." });
    expect(toApiResponse(new CourseConflict("x")).status).toBe(409);
    // An audience's wording replaces the thrower's message.
    expect(await toApiResponse(new NotFound(), { not_found: "Not found." }).json()).toEqual({ error: "not_found", message: "Not found." });
  });

  it("answers pages with the message as text, passes Responses through, and rethrows bugs", async () => {
    const response = toPageResponse(new CourseNotFound("That lesson isn't part of this course (it may have been deleted)."));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("That lesson isn't part of this course (it may have been deleted).");
    const redirect = new Response(null, { status: 302 });
    expect(toPageResponse(redirect)).toBe(redirect);
    expect(toApiResponse(redirect)).toBe(redirect);
    const bug = new TypeError("x is undefined");
    expect(() => toPageResponse(bug)).toThrow(bug);
    expect(() => toApiResponse(bug)).toThrow(bug);
  });

  it("runs a form's intent: unknown intents are a 400, domain errors their page answer", async () => {
    const handlers = { save: async () => "saved", refuse: async () => Promise.reject(new CourseForbidden()) };
    expect(await pageIntents("save", handlers)).toBe("saved");
    for (const intent of ["nothing", "constructor", null]) {
      const refused = await pageIntents(intent, handlers).catch((e: unknown) => e as Response);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(400);
      expect(await (refused as Response).text()).toBe(UNKNOWN_INTENT);
    }
    const forbidden = (await pageIntents("refuse", handlers).catch((e: unknown) => e)) as Response;
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toBe("Only the course's author and admins can edit it.");
  });
});
