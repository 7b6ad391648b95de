/**
 * The OpenAPI document of every JSON API (app/modules/openapi/, generated from
 * the routes' Zod schemas): valid OpenAPI 3.1 with resolvable refs, listing
 * exactly the operations the API tests exercise (tests/support/api-endpoints.ts),
 * each with its route file, tags, security and error responses; closed request
 * objects as `additionalProperties: false`; and /api/docs rendering it for people.
 * That every answer matches its documented schema is checked by
 * tests/support/api-client.ts in the API tests themselves.
 */
import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { VALUE_FRAMEWORK_SECTIONS } from "~/modules/poc/ai/analyze.server.ts";
import { MAX_STATEMENT } from "~/modules/poc/gong-ai-runs.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { expectJson } from "../support/api-client.ts";
import { ACADEMY_ENDPOINTS, GONG_AI_ENDPOINTS, POC_CUSTOMER_ENDPOINTS, POC_STAFF_ENDPOINTS } from "../support/api-endpoints.ts";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const ACADEMY_PATH = /^\/api\/(courses|lessons|enrollments|users\/me\/(enrollments|progress))(\/|$)/;
/** Every /api/v1 path of the POC Portal API (besides Gong and AI), as route files and as OpenAPI paths. */
const POC_ROUTE_PATHS = [...new Set([...POC_STAFF_ENDPOINTS, ...POC_CUSTOMER_ENDPOINTS].map((e) => e.path))];

describe("API description", () => {
  it("serves a valid OpenAPI 3.1 document listing the API", async () => {
    const response = await new Browser().get("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const doc = await response.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/sentry/validate-token", "/api/recommendations", "/api/users/me"]));
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearerAuth", "cookieAuth"]);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("renders /api/docs for people, grouped by tag", async () => {
    const response = await new Browser().get("/api/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<h1[^>]*>Sentry Academy API<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>Sentry Connect<\/h2>/);
    expect(html).toMatch(/<h2[^>]*>Users<\/h2>/);
    expect(html).toContain('<th scope="col"');
    const text = visibleText(html);
    for (const path of ["/api/sentry/validate-token", "/api/recommendations", "/api/users/me", "/api/sentry/sync"]) expect(text).toContain(path);
    expect(text).toContain("API token (Bearer) or Session cookie");
    expect(text).toContain("recommendations[].courses[].url");
    expect(text).toMatch(/422 Sentry rejected the token/);
  });
});

describe("Academy API: the OpenAPI document", () => {
  it("validates, and documents exactly these endpoints, each with a route file", async () => {
    const doc = await expectJson(await new Browser().get("/api/openapi.json"), 200);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();

    const paths = [...new Set(ACADEMY_ENDPOINTS.map((e) => e.path))];
    for (const route of paths) {
      const file = `${route.slice(1).replace(/\//g, ".").replace(/\{(\w+)\}/g, "$$$1")}.ts`;
      expect(fs.existsSync(path.join(ROUTES_DIR, file)), file).toBe(true);
    }
    const documented = Object.keys(doc.paths).filter((p) => ACADEMY_PATH.test(p));
    expect(documented.sort()).toEqual(paths.sort());
    const operations = documented.flatMap((p) => Object.keys(doc.paths[p]).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(ACADEMY_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    for (const p of documented) {
      for (const [method, op] of Object.entries(doc.paths[p]) as [string, { tags: string[]; responses: Record<string, unknown> }][]) {
        expect(op.tags).toEqual(["Academy"]);
        expect(Object.keys(op.responses)).toContain("401");
        if (method !== "get") expect(Object.keys(op.responses), `${method} ${p}`).toContain("403");
        if (p.includes("{id}")) expect(Object.keys(op.responses), `${method} ${p}`).toContain("404");
      }
    }

    const page = await new Browser().get("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<h2[^>]*>Academy<\/h2>/);
    expect(html).toContain("/api/users/me/progress");
  });
});

describe("POC API: the OpenAPI document", () => {
  it("validates and documents every /api/v1 endpoint and method, with the POC tags", async () => {
    const doc = await expectJson(await new Browser().get("/api/openapi.json"), 200);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();

    // Each route path has its route file, and the document lists exactly these paths under /api/v1
    // (besides part 2's Gong and AI paths, which poc-gong-ai-api.test.ts checks the same way)...
    for (const route of POC_ROUTE_PATHS) {
      const file = `${route.slice(1).replace(/\//g, ".").replace(/\{(\w+)\}/g, "$$$1")}.ts`;
      expect(fs.existsSync(path.join(ROUTES_DIR, file)), file).toBe(true);
    }
    const documented = Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/") && !/^\/api\/v1\/pocs\/\{id\}\/(gong|ai)(\/|$)/.test(p));
    expect(documented.sort()).toEqual([...POC_ROUTE_PATHS].sort());

    // ...with exactly the methods the tests above exercise.
    const operations = documented.flatMap((p) => Object.keys(doc.paths[p]).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual([...POC_STAFF_ENDPOINTS, ...POC_CUSTOMER_ENDPOINTS].map((e) => `${e.method} ${e.path}`).sort());

    for (const p of documented) {
      for (const op of Object.values(doc.paths[p]) as { tags: string[]; security?: unknown[]; responses: Record<string, unknown> }[]) {
        if (p.startsWith("/api/v1/customer/")) {
          expect(op.tags).toEqual(["Customer portal"]);
          expect(op.security).toEqual([]);
          expect(Object.keys(op.responses)).toContain("404");
        } else {
          expect(op.tags).toEqual(["POC Portal"]);
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403"]));
        }
      }
    }
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);

    const page = await new Browser().get("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<h2[^>]*>POC Portal<\/h2>/);
    expect(html).toMatch(/<h2[^>]*>Customer portal<\/h2>/);
  });
});

describe("POC part 2 API: the OpenAPI document", () => {
  it("validates and documents exactly these endpoints, each with its route file", async () => {
    const response = await new Browser().get("/api/openapi.json");
    expect(response.status).toBe(200);
    const doc = await response.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();

    const gongAiPaths = Object.keys(doc.paths).filter((p) => /^\/api\/v1\/pocs\/\{id\}\/(gong|ai)(\/|$)/.test(p));
    const operations = gongAiPaths.flatMap((p) => Object.keys(doc.paths[p]).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(GONG_AI_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    for (const p of gongAiPaths) {
      const file = `${p.slice(1).replace(/\//g, ".").replace(/\{(\w+)\}/g, "$$$1")}.ts`;
      expect(fs.existsSync(path.join(ROUTES_DIR, file)), file).toBe(true);
      for (const op of Object.values(doc.paths[p]) as { tags: string[]; responses: Record<string, unknown> }[]) {
        expect(op.tags).toEqual(["POC Portal"]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "404"]));
      }
    }
    // The values the document shows are the code's (generated from the same schemas; the limit after whitespace is folded is written on the field).
    const manualItem = doc.paths["/api/v1/pocs/{id}/ai/items"].post.requestBody.content["application/json"].schema;
    expect(manualItem.properties.section.enum).toEqual([...VALUE_FRAMEWORK_SECTIONS]);
    expect(manualItem.properties.statement.maxLength).toBe(MAX_STATEMENT);

    const html = await (await new Browser().get("/api/docs")).text();
    expect(html).toContain("Search Gong for the customer&#x27;s calls");
    expect(html).toContain("/api/v1/pocs/{id}/ai/items/{itemId}/criterion");
  });
});

describe("OpenAPI: generated from the Zod schemas", () => {
  it("shows closed request objects as additionalProperties: false, with their required fields and limits", async () => {
    const doc = await expectJson(await new Browser().get("/api/openapi.json"), 200);
    const bodyOf = (p: string, method: string) => doc.paths[p][method].requestBody.content["application/json"].schema;
    const bodies = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item as Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>).flatMap(([method, op]) =>
        op.requestBody ? [[`${method.toUpperCase()} ${p}`, op.requestBody.content["application/json"].schema] as const] : [],
      ),
    );
    expect(bodies.length).toBeGreaterThan(30);
    // Every body but the Sentry token check (its form also takes `save=on`) is a closedObject.
    for (const [where, schema] of bodies) if (where !== "POST /api/sentry/validate-token") expect(schema.additionalProperties, where).toBe(false);
    const milestone = bodyOf("/api/v1/pocs/{id}/milestones", "post");
    expect(milestone.required).toEqual(["title"]);
    expect(milestone.properties.title).toMatchObject({ type: "string", minLength: 1 });
    expect(bodyOf("/api/courses", "post").required).toEqual(expect.arrayContaining(["title", "summary", "level", "category", "estimatedMinutes"]));
    // Answers are the serialisers' schemas, shared as components.
    expect(doc.paths["/api/v1/pocs/{id}"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PocWorkspace" });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "ValidationError", "Poc", "PocMilestone", "Course", "Lesson", "PocValueItem"]));
  });
});
