import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { openApiDocument } from "~/modules/openapi/document.server.ts";
import { apiReference, type FieldRow, type OperationView } from "~/modules/openapi/reference.ts";
import { appUrl } from "~/utils/env.server.ts";

export const meta: MetaFunction = () => [
  { title: "API reference · Sentry Academy" },
  { name: "description", content: "Every endpoint of the Sentry Academy JSON API: authentication, request fields and responses." },
];

/** GET /api/docs: /api/openapi.json for people, rendered on the server. */
export function loader() {
  const baseUrl = appUrl();
  return { baseUrl, reference: apiReference(openApiDocument(baseUrl)) };
}

/** `code` spans in the document's descriptions. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-ink-100 px-1 font-mono text-[0.9em]">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const METHOD_STYLES: Record<string, string> = {
  GET: "bg-emerald-100 text-emerald-900",
  POST: "bg-brand-300/40 text-brand-700",
  DELETE: "bg-red-100 text-red-900",
  PATCH: "bg-amber-100 text-amber-900",
  PUT: "bg-sky-100 text-sky-900",
};

function FieldTable({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  return (
    <div className="mt-2 overflow-x-auto rounded-lg border border-ink-300/60">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-ink-100 text-ink-900">
          <tr>
            <th scope="col" className="px-3 py-2">
              Field
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Required
            </th>
            <th scope="col" className="px-3 py-2">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-ink-100">
          {rows.map((f) => (
            <tr key={f.name}>
              <td className="px-3 py-2 font-mono">{f.name}</td>
              <td className="px-3 py-2 font-mono text-ink-800">{f.type}</td>
              <td className="px-3 py-2">{f.required ? "Yes" : "No"}</td>
              <td className="px-3 py-2">
                <Prose text={f.description} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Operation({ op }: { op: OperationView }) {
  const label = `${op.method} ${op.path}`;
  return (
    <article id={op.id} aria-labelledby={`${op.id}-title`} className="card scroll-mt-4">
      <h3 id={`${op.id}-title`} className="flex flex-wrap items-baseline gap-3 text-lg font-bold">
        <span className={`rounded px-2 py-0.5 font-mono text-sm ${METHOD_STYLES[op.method] ?? "bg-ink-100"}`}>{op.method}</span>
        <code className="font-mono break-all">{op.path}</code>
      </h3>
      <p className="mt-1 font-semibold text-ink-900">{op.summary}</p>
      {op.description ? (
        <p className="mt-2 text-ink-800">
          <Prose text={op.description} />
        </p>
      ) : null}
      <p className="mt-3 text-sm">
        <span className="font-semibold">Authentication:</span> {op.auth}
      </p>
      {op.parameters.length ? (
        <div className="mt-4">
          <h4 className="font-bold">Parameters</h4>
          <FieldTable caption={`Parameters of ${label}`} rows={op.parameters} />
        </div>
      ) : null}
      {op.body ? (
        <div className="mt-4">
          <h4 className="font-bold">Request body</h4>
          <p className="text-sm text-ink-700">As {op.body.contentTypes.join(" or ")}.</p>
          <FieldTable caption={`Request body of ${label}`} rows={op.body.fields} />
        </div>
      ) : null}
      <div className="mt-4">
        <h4 className="font-bold">Responses</h4>
        <div className="mt-2 overflow-x-auto rounded-lg border border-ink-300/60">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Responses of {label}</caption>
            <thead className="bg-ink-100 text-ink-900">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Meaning
                </th>
                <th scope="col" className="px-3 py-2">
                  Body fields
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-100 align-top">
              {op.responses.map((r) => (
                <tr key={r.status}>
                  <th scope="row" className="px-3 py-2 font-mono">
                    {r.status}
                  </th>
                  <td className="px-3 py-2">
                    <Prose text={r.description} />
                  </td>
                  <td className="px-3 py-2">
                    {r.fields.length ? (
                      <ul className="space-y-0.5">
                        {r.fields.map((f) => (
                          <li key={f.name}>
                            <code className="font-mono">{f.name}</code> <span className="text-ink-700">{f.type}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-ink-700">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </article>
  );
}

export default function ApiDocs() {
  const { baseUrl, reference } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">{reference.title}</h1>
        <p className="mt-1 text-ink-700">
          Version {reference.version} · base URL <code className="font-mono">{baseUrl}</code> · machine-readable:{" "}
          <a href="/api/openapi.json">OpenAPI 3.1 document</a>
        </p>
        <p className="mt-3 max-w-3xl text-ink-800">
          <Prose text={reference.description} />
        </p>
      </header>
      <section aria-labelledby="authentication" className="card">
        <h2 id="authentication" className="text-xl font-bold">
          Authentication
        </h2>
        <p className="mt-2 text-ink-800">
          Create a personal API token on your <Link to="/account#api-tokens">account page</Link> and send it with every request. A missing,
          malformed or revoked token gets a <code className="font-mono">401</code> with a JSON body.
        </p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-ink-950 p-4 font-mono text-sm text-white">
          <code>{`curl -H "Authorization: Bearer sa_…" ${baseUrl}/api/users/me`}</code>
        </pre>
      </section>
      <nav aria-labelledby="contents" className="card">
        <h2 id="contents" className="text-xl font-bold">
          Endpoints
        </h2>
        <ul className="mt-3 grid gap-x-8 gap-y-1 text-sm md:grid-cols-2">
          {reference.groups.flatMap((g) =>
            g.operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`}>
                  <span className="font-mono break-all">
                    {op.method} {op.path}
                  </span>
                </a>{" "}
                <span className="text-ink-700">{op.summary}</span>
              </li>
            )),
          )}
        </ul>
      </nav>
      {reference.groups.map((group) => {
        const id = `tag-${group.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
        return (
          <section key={group.name} aria-labelledby={id} className="space-y-4">
            <h2 id={id} className="text-2xl font-bold">
              {group.name}
            </h2>
            {group.description ? <p className="text-ink-800">{group.description}</p> : null}
            {group.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
