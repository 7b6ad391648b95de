/**
 * What every API's part of the OpenAPI document shares: the error schemas, the
 * common responses, and `op()`, which registers one operation. The request and
 * response schemas are the Zod schemas the routes parse with and the serialisers
 * return (@asteasolutions/zod-to-openapi turns them into JSON Schema 2020-12);
 * only tags, summaries, descriptions and security are written here by hand.
 * docs/decisions/022-generated-openapi.md says why.
 *
 * A new endpoint appears in /api/docs with one call in its API's module:
 *
 *   op(r, { method: "get", path: "/api/v1/pocs/{id}/notes", tags: [STAFF], operationId: "listPocNotes",
 *     summary: "The POC's notes", request: { params: pocParams }, responses: { 200: ok("The notes.", notesSchema), ...staffErrors } });
 */
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

export type Registry = OpenAPIRegistry;

export const ErrorSchema = z
  .looseObject({
    error: z.string().meta({ description: "A stable code, e.g. `unauthorized`, `forbidden`, `invalid_request`, `not_connected`." }),
    message: z.string().meta({ description: "What went wrong, for people." }),
  })
  .meta({ id: "Error" });

export const ValidationErrorSchema = z
  .object({
    error: z.literal("invalid_request"),
    message: z.string(),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Each bad field (`name`, `items[0].name`; `\"\"` for the body as a whole) with its messages; absent when the body is not valid JSON." }),
  })
  .meta({ id: "ValidationError" });

/** `{ deleted: true, id }`, the answer of a DELETE. */
export const deletedSchema = z.object({ deleted: z.literal(true), id: z.string() });

type Headers = ResponseConfig["headers"];

/** A JSON answer with its schema. */
export const ok = (description: string, schema: z.ZodType, headers?: Headers): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema } },
});

/** An answer in the Error shape (`{ error, message, ...extra }`). */
export const error = (description: string, example?: Record<string, unknown>, headers?: Headers): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ErrorSchema, ...(example ? { example } : {}) } },
});

/** A 400 naming each bad field. */
export const invalidBody = (description = "A field is missing or invalid, or unknown to this endpoint: `fields` names each one (`\"\"` for the body as a whole).", example?: unknown): ResponseConfig => ({
  description,
  content: { "application/json": { schema: ValidationErrorSchema, ...(example ? { example } : {}) } },
});

export const unauthorized = error("No API token or session, or the token is malformed, unknown or revoked.", undefined, {
  "WWW-Authenticate": { description: "`Bearer realm=\"api\"`, with `error=\"invalid_token\"` when a token was sent.", schema: { type: "string" } },
});

/** Answers with a `Location` header. */
export const location = (description: string) => ({ Location: { description, schema: { type: "string" as const } } });

/** A JSON 429 of the rate limits (decision 019). */
export const rateLimited = (description: string, example?: Record<string, unknown>) =>
  error(description, example, { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } });

/** Path parameters, each a string with its description. */
export const pathParams = <K extends string>(params: Record<K, string>) =>
  z.object(Object.fromEntries(Object.entries(params).map(([name, description]) => [name, z.string().meta({ description: description as string })])) as Record<K, z.ZodString>);

/**
 * The same request schema with prose on its fields, for the document only (the
 * route parses with the schema itself; the fields and the object's metadata,
 * `additionalProperties: false` of closedObject included, are the schema's own).
 */
export function described<S extends z.ZodObject>(schema: S, descriptions: Partial<Record<keyof S["shape"] & string, string | Record<string, unknown>>>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const prose = descriptions[key as keyof typeof descriptions];
      // A string is the field's description; an object more keywords (a limit a transform hides from the generator, say).
      return [key, prose ? (field as z.ZodType).meta(typeof prose === "string" ? { description: prose } : prose) : field];
    }),
  );
  return z.object(shape).meta(schema.meta() ?? {});
}

type Operation = Omit<RouteConfig, "request"> & {
  operationId: string;
  summary: string;
  request?: Omit<NonNullable<RouteConfig["request"]>, "body"> & { body?: z.ZodType; bodyRequired?: boolean; form?: boolean };
};

/**
 * Registers one operation. A body is JSON (and a form too with `form`); an
 * operation that takes one also documents the 415 for any other media type.
 */
export function op(r: Registry, { request, responses, ...operation }: Operation) {
  const { body, bodyRequired = true, form, ...parts } = request ?? {};
  const content = body ? { "application/json": { schema: body }, ...(form ? { "application/x-www-form-urlencoded": { schema: body } } : {}) } : undefined;
  r.registerPath({
    ...operation,
    request: { ...parts, ...(content ? { body: { required: bodyRequired, content } } : {}) },
    responses: body ? { ...responses, 415: error("The body is neither JSON nor a form (`unsupported_media_type`).") } : responses,
  });
}
