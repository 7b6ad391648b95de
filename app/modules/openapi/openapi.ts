/**
 * The OpenAPI 3.1 description of the JSON API, as a plain object: served at
 * /api/openapi.json and rendered for people at /api/docs. Each domain writes its
 * paths in a small module (openapi-sentry.ts, ...); this one merges them and holds
 * what they share: the Error schema, the 401 response and the security schemes.
 */
import { ROLES } from "~/utils/permissions.ts";
import { academyPaths } from "./openapi-academy.ts";
import { pocPaths } from "./openapi-poc.ts";
import { pocGongAiPaths } from "./openapi-poc-gong-ai.ts";
import { sentryPaths } from "./openapi-sentry.ts";

/** Loose shapes of the OpenAPI objects we write (the validator test checks the real rules). */
export type SchemaObject = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
  const?: unknown;
  oneOf?: SchemaObject[];
  [keyword: string]: unknown;
};
type Ref = { $ref: string };
type MediaTypes = Record<string, { schema: SchemaObject; example?: unknown }>;
export type ResponseObject = { description: string; headers?: Record<string, { description?: string; schema: SchemaObject }>; content?: MediaTypes };
export type ParameterObject = { name: string; in: "query" | "path" | "header" | "cookie"; required?: boolean; description?: string; schema: SchemaObject };
export type OperationObject = {
  tags: string[];
  operationId: string;
  summary: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; description?: string; content: MediaTypes };
  responses: Record<string, ResponseObject | Ref>;
  security?: Record<string, string[]>[];
};
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type PathItem = Partial<Record<(typeof HTTP_METHODS)[number], OperationObject>>;
export type PathItems = Record<string, PathItem>;

const TAGS = [
  { name: "Users", description: "Who you are." },
  { name: "Academy", description: "Courses and lessons (public when published), course authoring for instructors, enrolments and your progress." },
  { name: "Sentry Connect", description: "Connect your Sentry account and get recommendations for the features you have not adopted yet." },
  { name: "POC Portal", description: "Solutions engineers' proofs of concept: POCs, mutual action plan, phases and tasks, success criteria, team, tech stack, share links, Gong calls and the AI value framework (SE and admin roles)." },
  { name: "Customer portal", description: "What a customer can read and change through a POC's share link, without logging in." },
  { name: "API", description: "This description of the API." },
];

const unauthorized: Ref = { $ref: "#/components/responses/Unauthorized" };

const userPaths: PathItems = {
  "/api/users/me": {
    get: {
      tags: ["Users"],
      operationId: "getCurrentUser",
      summary: "The signed-in user",
      description: "The account the API token (or the session) belongs to.",
      responses: {
        "200": {
          description: "The user.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["id", "name", "email", "role"],
                properties: {
                  id: { type: "string" },
                  name: { type: "string" },
                  email: { type: "string", format: "email" },
                  role: { type: "string", enum: [...ROLES] },
                },
              },
            },
          },
        },
        "401": unauthorized,
      },
    },
  },
};

const metaPaths: PathItems = {
  "/api/openapi.json": {
    get: {
      tags: ["API"],
      operationId: "getOpenApiDocument",
      summary: "This API description (OpenAPI 3.1)",
      description: "Readable for people at `/api/docs`.",
      security: [],
      responses: { "200": { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
};

const components = {
  schemas: {
    Error: {
      type: "object",
      required: ["error", "message"],
      properties: {
        error: { type: "string", description: "A stable code, e.g. `unauthorized`, `forbidden`, `invalid_request`, `not_connected`." },
        message: { type: "string", description: "What went wrong, for people." },
      },
    },
    ValidationError: {
      type: "object",
      required: ["error", "message", "fields"],
      properties: {
        error: { const: "invalid_request" },
        message: { type: "string" },
        fields: {
          type: "object",
          description: "Each bad field (`name`, `items[0].name`; `\"\"` for the body as a whole) with its messages.",
          additionalProperties: { type: "array", items: { type: "string" } },
        },
      },
    },
  } satisfies Record<string, SchemaObject>,
  responses: {
    Unauthorized: {
      description: "No API token or session, or the token is malformed, unknown or revoked.",
      headers: { "WWW-Authenticate": { description: "`Bearer realm=\"api\"`, with `error=\"invalid_token\"` when a token was sent.", schema: { type: "string" } } },
      content: {
        "application/json": {
          schema: { $ref: "#/components/schemas/Error" },
          example: { error: "unauthorized", message: "Send a personal API token as `Authorization: Bearer sa_...`, or sign in." },
        },
      },
    },
  } satisfies Record<string, ResponseObject>,
  securitySchemes: {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "sa_…",
      description: "A personal API token (`sa_` and 40 characters), created on your account page (/account#api-tokens).",
    },
    cookieAuth: { type: "apiKey", in: "cookie", name: "__session", description: "The session cookie of a signed-in browser." },
  },
};

export function openApiDocument(baseUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Sentry Academy API",
      version: "1.0.0",
      description:
        "JSON API of Sentry Academy. Authenticate with a personal API token (`Authorization: Bearer sa_...`) or, from the browser, the session cookie. Errors are JSON: `{ \"error\": \"<code>\", \"message\": \"...\" }`.",
    },
    servers: [{ url: baseUrl }],
    tags: TAGS,
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    paths: { ...userPaths, ...academyPaths, ...sentryPaths, ...pocPaths, ...pocGongAiPaths, ...metaPaths } as PathItems,
    components,
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

// ─────────────── The same document, arranged for the /api/docs page ───────────────

export type FieldRow = { name: string; type: string; required: boolean; description: string };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  auth: string;
  parameters: FieldRow[];
  body: { contentTypes: string[]; fields: FieldRow[] } | null;
  responses: { status: string; description: string; fields: FieldRow[] }[];
};

function resolve<T>(doc: OpenApiDocument, value: T | Ref): T {
  if (value && typeof value === "object" && "$ref" in value && typeof value.$ref === "string") {
    const target = value.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
    return resolve(doc, target as T | Ref);
  }
  return value as T;
}

function typeLabel(doc: OpenApiDocument, schema: SchemaObject): string {
  const s = resolve<SchemaObject>(doc, schema);
  if ("const" in s) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.oneOf) return s.oneOf.map((v) => typeLabel(doc, v)).join(" | ");
  if (s.type === "array" && s.items) return `array of ${typeLabel(doc, s.items)}`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

/** Every field of an object schema, nested ones as `a.b` and `list[].c`. */
function fields(doc: OpenApiDocument, schema: SchemaObject | undefined, prefix = ""): FieldRow[] {
  if (!schema) return [];
  const s = resolve<SchemaObject>(doc, schema);
  if (s.oneOf) {
    // Either shape: every field of each, once (only what is required in all of them stays required).
    const rows = s.oneOf.flatMap((variant) => fields(doc, variant, prefix));
    const requiredInAll = (name: string) => rows.filter((r) => r.name === name && r.required).length === s.oneOf!.length;
    return [...new Map(rows.map((r) => [r.name, { ...r, required: requiredInAll(r.name) }])).values()];
  }
  return Object.entries(s.properties ?? {}).flatMap(([key, raw]) => {
    const prop = resolve<SchemaObject>(doc, raw);
    const name = `${prefix}${key}`;
    const row = { name, type: typeLabel(doc, prop), required: (s.required ?? []).includes(key), description: prop.description ?? "" };
    const items = prop.items ? resolve<SchemaObject>(doc, prop.items) : undefined;
    const nested = prop.properties ? fields(doc, prop, `${name}.`) : items?.properties ? fields(doc, items, `${name}[].`) : [];
    return [row, ...nested];
  });
}

const SCHEME_LABELS: Record<string, string> = { bearerAuth: "API token (Bearer)", cookieAuth: "Session cookie" };

/** The operations of the document grouped by tag, with request and response fields spelled out. */
export function apiReference(doc: OpenApiDocument) {
  const operations: (OperationView & { tag: string })[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security ?? doc.security;
      const body = op.requestBody;
      const firstBody = body ? Object.values(body.content)[0] : undefined;
      operations.push({
        tag: op.tags[0] ?? "Other",
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description ?? "",
        // An empty requirement ({}) makes authentication optional.
        auth: security.length ? security.flatMap((r) => (Object.keys(r).length ? Object.keys(r).map((k) => SCHEME_LABELS[k] ?? k) : ["None"])).join(" or ") : "None",
        parameters: (op.parameters ?? []).map((p) => ({
          name: `${p.name} (${p.in})`,
          type: typeLabel(doc, p.schema),
          required: Boolean(p.required),
          description: p.description ?? "",
        })),
        body: body ? { contentTypes: Object.keys(body.content), fields: fields(doc, firstBody?.schema) } : null,
        responses: Object.entries(op.responses).map(([status, r]) => {
          const response = resolve<ResponseObject>(doc, r);
          const schema = response.content ? Object.values(response.content)[0]?.schema : undefined;
          return { status, description: response.description, fields: fields(doc, schema) };
        }),
      });
    }
  }
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description,
    groups: [...doc.tags, ...[...new Set(operations.map((o) => o.tag))].filter((t) => !doc.tags.some((d) => d.name === t)).map((name) => ({ name, description: "" }))]
      .map((tag) => ({ ...tag, operations: operations.filter((o) => o.tag === tag.name) }))
      .filter((g) => g.operations.length > 0),
  };
}
