/**
 * The app's one error vocabulary (docs/decisions/023-one-error-vocabulary.md).
 *
 * Domain code throws a domain error with a message written for the person who
 * will read it ("Only the course's author and admins can edit it."), never an
 * HTTP Response. The edge turns it into an answer here, in one place:
 *
 * - pages: `toPageResponse` (a plain-text Response the error boundary shows,
 *   components/error-boundary.tsx), or `pageIntents` for a form action's intents;
 * - the JSON API: `toApiResponse` (`{ error, message, ...extra }`, the shape
 *   utils/api-request.server.ts documents).
 *
 * An audience that must not learn more than "no" (the customer's share link:
 * every not-found is the same plain answer) passes a `Wording` that replaces
 * the thrower's message per code.
 *
 * No server imports: the classes are safe to import from client code.
 */

export type ErrorCode = "not_found" | "forbidden" | "conflict" | "quota_exceeded";

/** An error the domain expects and the edge answers (not a bug): its status, its API code and a message for people. */
export class DomainError extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What was asked for is not there (or must look as if it were not). */
export class NotFoundError extends DomainError {
  constructor(message = "There is nothing at this address.") {
    super(404, "not_found", message);
  }
}

/** The caller is who they say, but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = "You can't change that.") {
    super(403, "forbidden", message);
  }
}

/** The request can't be done in the current state (a taken slug, learners enrolled...); the message says why. */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(409, "conflict", message);
  }
}

/** A limit on how many of something one owner may have is reached; the message says which and what to do. */
export class QuotaExceededError extends DomainError {
  constructor(message: string) {
    super(409, "quota_exceeded", message);
  }
}

/** What an audience reads instead of the thrower's message, per code. */
export type Wording = Partial<Record<ErrorCode, string>>;

const messageOf = (error: DomainError, wording?: Wording) => wording?.[error.code] ?? error.message;

/** A JSON error response: `{ error, message, ...extra }`, never cached. */
export function apiError(status: number, error: string, message: string, extra?: Record<string, unknown>, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json({ ...extra, error, message }, { ...init, status, headers });
}

/**
 * A thrown value as the JSON API's answer: a Response is the answer already, a
 * DomainError becomes `{ error: code, message }` with its status. Anything else
 * is a bug and is rethrown (a 500, reported).
 */
export function toApiResponse(error: unknown, wording?: Wording): Response {
  if (error instanceof Response) return error;
  if (error instanceof DomainError) return apiError(error.status, error.code, messageOf(error, wording));
  throw error;
}

/**
 * A thrown value as a page's answer: a Response is the answer already, a
 * DomainError becomes a plain-text Response with its status, whose text the
 * error boundary shows. Anything else is a bug and is rethrown.
 */
export function toPageResponse(error: unknown, wording?: Wording): Response {
  if (error instanceof Response) return error;
  if (error instanceof DomainError) return new Response(messageOf(error, wording), { status: error.status });
  throw error;
}

/** For `.catch(...)`: throws the page answer of whatever was thrown. */
export const rethrowAsPage =
  (wording?: Wording) =>
  (error: unknown): never => {
    throw toPageResponse(error, wording);
  };

export const UNKNOWN_INTENT = "That form asked for something this page doesn't do.";

/**
 * A page action's forms, one handler per `intent`: an unknown intent is a 400,
 * and a domain error thrown by a handler becomes its page answer (a handler
 * that wants to answer one itself, as a field error, catches it first).
 */
export async function pageIntents<H extends Record<string, () => Promise<unknown>>>(intent: FormDataEntryValue | null, handlers: H): Promise<Awaited<ReturnType<H[keyof H]>>> {
  const handler = typeof intent === "string" && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw new Response(UNKNOWN_INTENT, { status: 400 });
  try {
    return (await handler()) as Awaited<ReturnType<H[keyof H]>>;
  } catch (error) {
    throw toPageResponse(error);
  }
}
