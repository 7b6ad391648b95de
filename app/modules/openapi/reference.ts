/**
 * The OpenAPI document (document.server.ts) arranged for people: the /api/docs
 * page's operations grouped by tag, with request and response fields spelled out.
 */

/** Loose shapes of the generated OpenAPI objects this page reads. */
type SchemaObject = {
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
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  [keyword: string]: unknown;
};
type Ref = { $ref: string };
type MediaTypes = Record<string, { schema?: SchemaObject; example?: unknown }>;
type ResponseObject = { description: string; content?: MediaTypes };
type ParameterObject = { name: string; in: string; required?: boolean; description?: string; schema?: SchemaObject };
type OperationObject = {
  tags?: string[];
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { content: MediaTypes };
  responses?: Record<string, ResponseObject | Ref>;
  security?: Record<string, string[]>[];
};
const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** The parts of the document the page reads. */
type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths?: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OperationObject>>>;
  components?: unknown;
};

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
  const either = s.oneOf ?? s.anyOf;
  if (either) return either.map((v) => typeLabel(doc, v)).join(" | ");
  if (s.allOf) return s.allOf.map((v) => typeLabel(doc, v)).join(" & ");
  if (s.type === "array" && s.items) return `array of ${typeLabel(doc, s.items)}`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

/** The object in a schema that may be null (`anyOf: [object, null]`). */
function objectOf(doc: OpenApiDocument, schema: SchemaObject): SchemaObject | undefined {
  const variants = (schema.anyOf ?? schema.oneOf)?.map((v) => resolve<SchemaObject>(doc, v)).filter((v) => v.type !== "null");
  return variants?.length === 1 ? objectOf(doc, variants[0]) : schema;
}

/** Every field of an object schema, nested ones as `a.b` and `list[].c`. */
function fields(doc: OpenApiDocument, schema: SchemaObject | undefined, prefix = ""): FieldRow[] {
  if (!schema) return [];
  const s = resolve<SchemaObject>(doc, schema);
  const either = (s.oneOf ?? s.anyOf)?.filter((variant) => resolve<SchemaObject>(doc, variant).type !== "null");
  if (either) {
    // Either shape: every field of each, once (only what is required in all of them stays required).
    const rows = either.flatMap((variant) => fields(doc, variant, prefix));
    const requiredInAll = (name: string) => rows.filter((r) => r.name === name && r.required).length === either.length;
    return [...new Map(rows.map((r) => [r.name, { ...r, required: requiredInAll(r.name) }])).values()];
  }
  // Both shapes (an extended object): the fields of each.
  if (s.allOf) return s.allOf.flatMap((part) => fields(doc, part, prefix));
  return Object.entries(s.properties ?? {}).flatMap(([key, raw]) => {
    const prop = resolve<SchemaObject>(doc, raw);
    const name = `${prefix}${key}`;
    const row = { name, type: typeLabel(doc, prop), required: (s.required ?? []).includes(key), description: prop.description ?? "" };
    const items = prop.items ? objectOf(doc, resolve<SchemaObject>(doc, prop.items)) : undefined;
    const object = objectOf(doc, prop);
    const nested = object?.properties || object?.allOf ? fields(doc, object, `${name}.`) : items?.properties || items?.allOf ? fields(doc, items, `${name}[].`) : [];
    return [row, ...nested];
  });
}

const SCHEME_LABELS: Record<string, string> = { bearerAuth: "API token (Bearer)", cookieAuth: "Session cookie" };

/** The operations of the document grouped by tag, with request and response fields spelled out. */
export function apiReference(document: object) {
  // Read loosely: the document is generated (and checked against the OpenAPI 3.1 schema by the tests).
  const doc = document as OpenApiDocument;
  const operations: (OperationView & { tag: string })[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security ?? doc.security;
      const body = op.requestBody;
      const firstBody = body ? Object.values(body.content)[0] : undefined;
      operations.push({
        tag: op.tags?.[0] ?? "Other",
        id: op.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        description: op.description ?? "",
        // An empty requirement ({}) makes authentication optional.
        auth: security.length ? security.flatMap((r) => (Object.keys(r).length ? Object.keys(r).map((k) => SCHEME_LABELS[k] ?? k) : ["None"])).join(" or ") : "None",
        parameters: (op.parameters ?? []).map((p) => ({
          name: `${p.name} (${p.in})`,
          type: p.schema ? typeLabel(doc, p.schema) : "any",
          required: Boolean(p.required),
          description: p.description ?? p.schema?.description ?? "",
        })),
        body: body ? { contentTypes: Object.keys(body.content), fields: fields(doc, firstBody?.schema) } : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
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
    description: doc.info.description ?? "",
    groups: [...doc.tags, ...[...new Set(operations.map((o) => o.tag))].filter((t) => !doc.tags.some((d) => d.name === t)).map((name) => ({ name, description: "" }))]
      .map((tag) => ({ ...tag, operations: operations.filter((o) => o.tag === tag.name) }))
      .filter((g) => g.operations.length > 0),
  };
}
