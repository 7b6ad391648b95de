import { parseWithZod, z } from "~/utils/zod.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { passedExerciseCount } from "~/modules/exercises/submissions.server.ts";
import { ErrorList } from "~/components/forms.tsx";
import { getCertificate, linkedInAddUrl, nextCourseAfter, restoreCertificate, revokeCertificate } from "~/modules/academy/certificates.server.ts";
import { formatLongDay } from "~/utils/dates.ts";
import { getOptionalUser, requireRole } from "~/utils/auth.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { AREA_ROLES, hasRole } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate: ${data.certificate.courseTitle} · Sentry Academy` : "Certificate not found · Sentry Academy" },
];

/** Public: anyone with the link can verify a certificate. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await getCertificate(params.id!);
  if (!certificate) throw new Response("Not found", { status: 404 });
  const viewer = await getOptionalUser(request);
  const { userId, courseId, ...publicFields } = certificate;
  const url = `${appUrl()}/certificates/${certificate.id}`;
  const isOwner = viewer?.id === userId;
  return {
    certificate: publicFields,
    // "including 3 hands-on coding exercises": what the holder's own code passed (decision 041).
    exercisesPassed: await passedExerciseCount(userId, courseId),
    url,
    // The owner's next steps: add it to LinkedIn, and the next course of a path it belongs to.
    linkedInUrl: isOwner && !certificate.revokedAt ? linkedInAddUrl(certificate, url) : null,
    nextCourse: isOwner ? await nextCourseAfter(courseId, userId) : null,
    isOwner,
    isAdmin: hasRole(viewer, AREA_ROLES.admin),
  };
}

// A function, not a module-level value: checked on the server only, so Zod stays out of this page's JS (decision 028).
const revokeSchema = () =>
  z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revoke"), reason: z.string({ error: "Say why it is revoked" }).trim().min(3, "Say why it is revoked").max(300) }),
  z.object({ intent: z.literal("restore") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const certificate = await getCertificate(params.id!);
  if (!certificate) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: revokeSchema() });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "revoke") await revokeCertificate(certificate.id, submission.value.reason);
  else await restoreCertificate(certificate.id);
  return redirectWithToast(`/certificates/${certificate.id}`, {
    kind: "success",
    message: submission.value.intent === "revoke" ? "Certificate revoked." : "Certificate restored.",
  });
}

export default function CertificatePage() {
  const { certificate, exercisesPassed, url, linkedInUrl, nextCourse, isOwner, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revoked = Boolean(certificate.revokedAt);
  return (
    <div className="mx-auto max-w-3xl">
      <div
        className={`rounded-2xl border-4 bg-white p-8 text-center shadow-lg sm:p-12 ${revoked ? "border-red-700" : "border-brand-600"}`}
        aria-labelledby="certificate-title"
        role="region"
      >
        <p className="text-sm font-bold tracking-[0.3em] text-brand-700">SENTRY ACADEMY</p>
        <h1 id="certificate-title" className="mt-4 text-3xl font-bold sm:text-4xl">
          Certificate of completion
        </h1>
        <p className="mt-6 text-ink-700">This certifies that</p>
        <p className="mt-2 text-3xl font-bold" data-testid="learner-name">
          {certificate.learnerName}
        </p>
        <p className="mt-4 text-ink-700">has completed the course</p>
        <p className="mt-2 text-2xl font-semibold">
          <Link to={`/courses/${certificate.course.slug}`} className="text-ink-950">
            {certificate.courseTitle}
          </Link>
        </p>
        {exercisesPassed ? (
          <p className="mt-2 text-ink-700" data-testid="certificate-exercises">
            including {exercisesPassed === 1 ? "a hands-on coding exercise" : `${exercisesPassed} hands-on coding exercises`}, passed against automated tests
          </p>
        ) : null}
        <dl className="mt-8 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-semibold">Issued on</dt>
            <dd>{formatLongDay(certificate.issuedAt)}</dd>
          </div>
          <div>
            <dt className="font-semibold">Verification code</dt>
            <dd className="font-mono" data-testid="verification-code">
              {certificate.verificationCode}
            </dd>
          </div>
        </dl>
        <p className={`mt-6 inline-block rounded-full px-4 py-1 text-sm font-semibold ${revoked ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`} role="status">
          {revoked ? `✗ Revoked: ${certificate.revokedReason}` : "✓ Valid certificate, issued by Sentry Academy"}
        </p>
      </div>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-3">
        <a href={`/certificates/${certificate.id}/pdf`} className="btn btn-primary" download>
          Download PDF
        </a>
        {linkedInUrl ? (
          <a href={linkedInUrl} className="btn btn-secondary" rel="noopener noreferrer" target="_blank">
            Add to LinkedIn profile
          </a>
        ) : null}
      </div>
      {isOwner ? (
        <div className="mx-auto mt-6 max-w-2xl">
          {/* A read-only field: the whole link, selectable in one go, never broken mid-token. */}
          <label htmlFor="share-url" className="label">
            Share this link so others can verify it
          </label>
          <input id="share-url" readOnly value={url} className="input font-mono text-sm" />
        </div>
      ) : null}
      {nextCourse ? (
        <p className="card mx-auto mt-6 max-w-xl text-center">
          Next in the {nextCourse.path} path: <Link to={`/courses/${nextCourse.slug}`}>{nextCourse.title}</Link>
        </p>
      ) : null}
      {isAdmin ? (
        <section className="card mt-8" aria-labelledby="admin-title">
          <h2 id="admin-title" className="font-bold">
            Admin
          </h2>
          {revoked ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="btn btn-secondary">
                Restore certificate
              </button>
            </Form>
          ) : (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="revoke" />
              <label htmlFor="revoke-reason" className="label">
                Reason for revoking
              </label>
              <input
                id="revoke-reason"
                name="reason"
                className="input"
                defaultValue={String(result?.initialValue?.reason ?? "")}
                aria-invalid={result?.error?.reason ? true : undefined}
                aria-describedby={result?.error?.reason ? "revoke-reason-error" : undefined}
              />
              <ErrorList id="revoke-reason-error" errors={result?.error?.reason} />
              <button type="submit" className="btn btn-danger mt-2">
                Revoke certificate
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
