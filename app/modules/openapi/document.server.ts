/**
 * The OpenAPI 3.1 description of the JSON API, generated from the Zod schemas
 * the routes parse with and answer with (@asteasolutions/zod-to-openapi, decision
 * 022): served at /api/openapi.json, rendered for people at /api/docs
 * (reference.ts), and used by the API tests to check every answer
 * (tests/support/api-client.ts). Each API registers its operations in its own
 * module (academy.ts, poc.ts, poc-gong-ai.ts, sentry-connect.ts); this one holds
 * what is written by hand once: the tags, the info, the security schemes, and
 * the two small endpoints of its own (/api/users/me, /api/openapi.json).
 */
import { OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ROLES } from "~/utils/permissions.ts";
import { registerAcademy } from "./academy.ts";
import { registerPoc } from "./poc.ts";
import { registerPocGongAi } from "./poc-gong-ai.ts";
import { registerSentryConnect } from "./sentry-connect.ts";
import { ok, op, unauthorized, type Registry } from "./shared.ts";

const TAGS = [
  { name: "Users", description: "Who you are." },
  { name: "Academy", description: "Courses and lessons (public when published), course authoring for instructors, enrolments and your progress." },
  { name: "Sentry Connect", description: "Connect your Sentry account and get recommendations for the features you have not adopted yet." },
  {
    name: "POC Portal",
    description:
      "Solutions engineers' proofs of concept: POCs, mutual action plan, phases and tasks, success criteria, team, tech stack, share links, Gong calls and the AI value framework (SE and admin roles).",
  },
  { name: "Customer portal", description: "What a customer can read and change through a POC's share link, without logging in." },
  { name: "API", description: "This description of the API." },
];

/** GET /api/users/me (app/routes/api.users.me.ts). */
const currentUserSchema = z.object({ id: z.string(), name: z.string(), email: z.email(), role: z.enum(ROLES) });

function registerOwn(r: Registry) {
  op(r, {
    method: "get",
    path: "/api/users/me",
    tags: ["Users"],
    operationId: "getCurrentUser",
    summary: "The signed-in user",
    description: "The account the API token (or the session) belongs to.",
    responses: { 200: ok("The user.", currentUserSchema), 401: unauthorized },
  });
  op(r, {
    method: "get",
    path: "/api/openapi.json",
    tags: ["API"],
    operationId: "getOpenApiDocument",
    summary: "This API description (OpenAPI 3.1)",
    description: "Readable for people at `/api/docs`.",
    security: [],
    responses: { 200: ok("The OpenAPI document.", z.looseObject({ openapi: z.literal("3.1.0") })) },
  });
}

function buildRegistry() {
  const r = new OpenAPIRegistry();
  r.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "sa_…",
    description: "A personal API token (`sa_` and 40 characters), created on your account page (/account#api-tokens).",
  });
  r.registerComponent("securitySchemes", "cookieAuth", { type: "apiKey", in: "cookie", name: "__session", description: "The session cookie of a signed-in browser." });
  registerOwn(r);
  registerAcademy(r);
  registerSentryConnect(r);
  registerPoc(r);
  registerPocGongAi(r);
  return r;
}

let registry: OpenAPIRegistry | undefined;
const theRegistry = () => (registry ??= buildRegistry());

/** Every documented operation with its Zod schemas (the API tests check answers against them). */
export function apiOperations(): RouteConfig[] {
  return theRegistry().definitions.flatMap((d) => (d.type === "route" ? [d.route] : []));
}

const documents = new Map<string, ReturnType<typeof generate>>();

function generate(baseUrl: string) {
  const document = new OpenApiGeneratorV31(theRegistry().definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Sentry Academy API",
      version: "1.0.0",
      description:
        'JSON API of Sentry Academy. Authenticate with a personal API token (`Authorization: Bearer sa_...`) or, from the browser, the session cookie. Errors are JSON: `{ "error": "<code>", "message": "..." }`. A method a path does not take is a 405 with `Allow`.',
    },
    servers: [{ url: baseUrl }],
    tags: TAGS,
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  });
  return { ...document, tags: TAGS, security: document.security ?? [] };
}

/** The document for this server's address (built once per address). */
export function openApiDocument(baseUrl: string) {
  let document = documents.get(baseUrl);
  if (!document) documents.set(baseUrl, (document = generate(baseUrl)));
  return document;
}
