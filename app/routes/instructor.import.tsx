import { discardBody } from "~/modules/media/multipart.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors } from "~/components/ui/field.tsx";
import { EXAMPLE_FOLDER, importCourseZip, importedCourseSummary, MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_BYTES, ZIP_LIMITS, type FileReport } from "~/modules/academy/zip-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Import a course · Instructor studio · Sentry Academy" }];

const MAX_UPLOAD_TEXT = "10 MB";
const ACTION = "/instructor/import";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const importedId = new URL(request.url).searchParams.get("course");
  return {
    imported: importedId ? await importedCourseSummary(importedId, user) : null,
    limits: { entries: ZIP_LIMITS.entries, fileMb: ZIP_LIMITS.fileBytes / (1024 * 1024) },
    exampleFolder: EXAMPLE_FOLDER,
  };
}

type ActionData = { fileError?: string; fileName?: string; problems?: string[]; files?: FileReport[]; hidden?: number };

const fail = (body: ActionData, status = 400) => data(body, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const tooLarge = `The file is larger than ${MAX_UPLOAD_TEXT}. A course's Markdown files zip to far less: leave out videos and images (link them by URL) and try again.`;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BODY_BYTES) {
    await discardBody(request, 10 * MAX_UPLOAD_BYTES);
    return fail({ fileError: tooLarge }, 413);
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES, filter: ({ name }) => name === "zip" }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail({ fileError: tooLarge }, 413);
    // Not a multipart upload (a form posted without its file field, or a hand-made request)…
    if (error instanceof TypeError) return fail({ fileError: "Choose the course's .zip file." });
    // …or one cut off or malformed on the way (the parser's only other errors).
    return fail({ fileError: "The upload was cut off or malformed. Choose the course's .zip file and try again." });
  }
  const file = form.get("zip");
  if (!(file instanceof File) || file.size === 0) return fail({ fileError: "Choose the course's .zip file." });

  const result = await importCourseZip(new Uint8Array(await file.arrayBuffer()), user);
  if (!result.ok) return fail({ fileName: file.name, problems: result.problems, files: result.files, hidden: result.hidden });
  const { course } = result;
  const what = `${course.lessons} lesson${course.lessons === 1 ? "" : "s"}${course.quizzes ? ` and ${course.quizzes} quiz${course.quizzes === 1 ? "" : "zes"}` : ""}`;
  return redirectWithToast(`${ACTION}?course=${course.id}`, {
    kind: "success",
    message: course.updated ? `Updated ${course.title} from ${file.name}: ${what}.` : `Imported ${course.title} as a draft: ${what}.`,
  });
}

function FileVerdict({ file }: { file: FileReport }) {
  if (file.problems.length) {
    return (
      <>
        <span className="font-semibold text-red-800">
          <span aria-hidden="true">✗ </span>
          {file.problems.length === 1 ? "Problem" : `${file.problems.length} problems`}
        </span>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {file.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </>
    );
  }
  if (file.note) return <span className="text-ink-700">{file.note}</span>;
  return (
    <span className="font-semibold text-emerald-800">
      <span aria-hidden="true">✓ </span>Valid
    </span>
  );
}

function ImportReport({ report }: { report: ActionData }) {
  const broken = report.files?.filter((f) => f.problems.length).length ?? 0;
  return (
    <section aria-labelledby="report-title" className="card border-t-4 border-t-red-700" role="alert">
      <h2 id="report-title" className="text-xl font-bold">
        <span aria-hidden="true" className="text-red-800">
          ✗{" "}
        </span>
        Nothing was imported from {report.fileName}
      </h2>
      <p className="mt-1 text-ink-800">
        {broken ? `${broken === 1 ? "1 file has" : `${broken} files have`} problems. ` : ""}
        Fix them and upload the zip again: a course is imported only when every file is valid, so it is never half-imported.
      </p>
      {report.problems?.length ? (
        <ul className="mt-3 list-disc space-y-1 pl-5 font-semibold text-red-900">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {report.files?.length ? (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Every file in {report.fileName} and what is wrong with it</caption>
            <thead>
              <tr className="border-b border-ink-300">
                <th scope="col" className="w-2/5 py-2 pr-4">
                  File
                </th>
                <th scope="col" className="py-2">
                  Result
                </th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((f) => (
                <tr key={f.path} className="border-b border-ink-100 align-top" data-file={f.path}>
                  <th scope="row" className="py-2 pr-4 font-mono font-normal [overflow-wrap:anywhere]">
                    {f.path}
                  </th>
                  <td className="py-2">
                    <FileVerdict file={f} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.hidden ? (
        <p className="mt-3 text-sm text-ink-700">
          {report.hidden === 1 ? "1 hidden or system file was" : `${report.hidden} hidden or system files were`} left out (such as __MACOSX and .DS_Store).
        </p>
      ) : null}
    </section>
  );
}

export default function ImportCourse() {
  const { imported, limits, exampleFolder } = useLoaderData<typeof loader>();
  const report = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === ACTION;
  const fileErrorId = report?.fileError ? "zip-error" : undefined;
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumb trail={[{ to: "/instructor", label: "Instructor studio" }]} current="Import a course" />
      <header>
        <h1 className="text-3xl font-bold">Import a course</h1>
        <p className="mt-2 text-ink-800">
          Upload a .zip of a course folder: Markdown files with front matter, the format of the starter catalogue. Every file is checked first. If one has a problem,
          nothing is imported and you get a report, file by file.
        </p>
      </header>

      {imported && !report ? (
        <section aria-labelledby="imported-title" className="card border-t-4 border-t-emerald-600" role="status">
          <h2 id="imported-title" className="text-xl font-bold">
            <span aria-hidden="true">✓ </span>
            {imported.title} is imported
          </h2>
          <p className="mt-1 text-ink-800">
            {imported.lessons} lesson{imported.lessons === 1 ? "" : "s"} and {imported.quizzes} quiz{imported.quizzes === 1 ? "" : "zes"} in {imported.modules} module
            {imported.modules === 1 ? "" : "s"}.{" "}
            {imported.status === "PUBLISHED"
              ? `The course is published: learners see the new content now (version ${imported.version}).`
              : "It is a draft: preview it, then publish it from the course editor when it's ready."}
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Link to={`/instructor/courses/${imported.id}`} className="btn btn-primary">
              Open in the course editor
            </Link>
            <Link to={`/courses/${imported.slug}`} className="btn btn-secondary">
              {imported.status === "PUBLISHED" ? "View as a learner" : "Preview"}
            </Link>
          </div>
        </section>
      ) : null}

      {report && !report.fileError ? <ImportReport report={report} /> : null}

      <Form method="post" action={ACTION} encType="multipart/form-data" className="card">
        <FormErrors errors={report?.fileError ? ["The upload didn't work: see the message under the file field."] : null} />
        <div className="mb-4">
          <label htmlFor="zip" className="label">
            Course .zip file
          </label>
          <input
            id="zip"
            name="zip"
            type="file"
            accept=".zip,application/zip"
            required
            className="input"
            aria-invalid={fileErrorId ? true : undefined}
            aria-describedby={["zip-help", fileErrorId].filter(Boolean).join(" ")}
          />
          <p id="zip-help" className="mt-1 text-sm text-ink-700">
            Up to {MAX_UPLOAD_TEXT}, {limits.entries} files, {limits.fileMb} MB per file.
          </p>
          <ErrorList id={fileErrorId} errors={report?.fileError ? [report.fileError] : null} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Importing…" : "Import course"}
        </button>
      </Form>

      <section aria-labelledby="layout-title" className="card">
        <h2 id="layout-title" className="text-xl font-bold">
          What goes in the zip
        </h2>
        <p className="mt-2 text-ink-800">One folder, named after the course's slug (its address), with a course.md and one file per lesson or quiz:</p>
        <ScrollRegion label="An example course folder" className="mt-3 rounded bg-ink-100">
          <pre className="p-3 text-sm">
          {`${exampleFolder}/
  course.md                        title, summary, level, category, features…
  01-how-error-monitoring-works.md type: lesson, module: Getting started
  02-install-the-sdk.md            type: lesson, module: Getting started
  …
  07-check-your-understanding.md   type: quiz, questions with their right answers`}
          </pre>
        </ScrollRegion>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-ink-800">
          <li>Name lessons and quizzes NN-slug.md: the number sets the order. Consecutive files with the same module form one module.</li>
          <li>The folder may be at the top of the zip or one folder down. Hidden files and __MACOSX are ignored; any other file must be Markdown.</li>
          <li>A new course is imported as a draft that you author. Uploading a course you already have updates it: lessons keep learners' progress when their slug (the file name after the number) stays the same, and lessons missing from the zip are removed.</li>
        </ul>
        <p className="mt-3">
          To start from an example,{" "}
          <a href="/instructor/import/example.zip" download>
            download a starter course as a .zip
          </a>
          : edit it, zip it again and upload it.
        </p>
      </section>
    </div>
  );
}
