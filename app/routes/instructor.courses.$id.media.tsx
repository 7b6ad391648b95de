import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CourseImageForm } from "~/components/authoring/course-image.tsx";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import type { UploadError } from "~/components/authoring/lesson-media-panel.tsx";
import { AssetStatus, UploadForm, useMediaPolling } from "~/components/authoring/media-upload.tsx";
import { DangerButton } from "~/components/authoring/studio-forms.tsx";
import { FormErrors } from "~/components/ui/field.tsx";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { formatBytes, KIND_LABELS } from "~/modules/media/limits.ts";
import { isMultipart, receivePlainUpload } from "~/modules/media/multipart.server.ts";
import { courseMediaLibrary, deleteMediaAsset, removeCourseCover } from "~/modules/media/uploads.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { toPageResponse, UNKNOWN_INTENT } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

/**
 * The course's media library: every upload of the course with its kind, size, status
 * (a video's transcoding progress, refreshed while it runs), error and where it is used;
 * the course image; images for lesson text. Lesson videos, captions, posters and
 * resources are uploaded from their lesson's page.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Media · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

const ASSET_ID = /^[a-z0-9]{10,40}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const library = await courseMediaLibrary(course.id);
  return { course: { id: course.id, title: course.title }, ...library };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const here = `/instructor/courses/${course.id}/media`;
  try {
    if (isMultipart(request)) {
      const result = await receivePlainUpload(request, { courseId: course.id, allowed: ["IMAGE"] }, user);
      if (!result.ok) return data({ upload: { kind: result.kind, message: result.message } satisfies UploadError, cover: new URL(request.url).searchParams.has("cover") }, { status: result.status });
      return redirectWithToast(here, { kind: "success", message: `Image “${result.name}” uploaded.` });
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return data({ upload: { kind: null, message: "The form could not be read. Send it from the media library's page." } satisfies UploadError, cover: false }, { status: 400 });
    }
    const intent = form.get("intent");
    if (intent === "remove-cover") {
      await removeCourseCover(course.id, user);
      return redirectWithToast(here, { kind: "success", message: "The course has no uploaded image now; the image stays in the library." });
    }
    if (intent === "delete") {
      const assetId = String(form.get("assetId") ?? "");
      const removed = ASSET_ID.test(assetId) ? await deleteMediaAsset(course.id, assetId, user) : null;
      if (!removed) return redirectWithToast(here, { kind: "error", message: "That file was already deleted." });
      return redirectWithToast(here, { kind: "success", message: `“${removed.title}” deleted.` });
    }
    throw new Response(UNKNOWN_INTENT, { status: 400 });
  } catch (error) {
    throw toPageResponse(error);
  }
}

export default function CourseMedia() {
  const { course, assets, coverAssetId, working } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { upload?: UploadError; cover?: boolean } | undefined;
  useMediaPolling(working);
  const cover = assets.find((a) => a.id === coverAssetId) ?? null;
  const uploadError = reply?.upload?.kind ? reply.upload.message : null;
  return (
    <div className="space-y-8">
      {working ? (
        <noscript>
          <meta httpEquiv="refresh" content="10" />
        </noscript>
      ) : null}
      <FormErrors errors={reply?.upload && !reply.upload.kind ? [reply.upload.message] : null} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="cover-title" className="card">
          <h2 id="cover-title" className="mb-3 text-xl font-bold">
            Course image
          </h2>
          <CourseImageForm courseId={course.id} cover={cover} error={reply?.cover ? uploadError : null} />
        </section>
        <section aria-labelledby="library-upload-title" className="card space-y-3">
          <h2 id="library-upload-title" className="text-xl font-bold">
            Images for lesson text
          </h2>
          <p className="text-sm text-ink-700">Images uploaded here can be placed in any lesson of this course. Lesson videos, captions, posters and resources are uploaded from their lesson's page.</p>
          <UploadForm action={`/instructor/courses/${course.id}/media`} kind="IMAGE" label="Upload an image" target={{ courseId: course.id }} error={reply?.cover ? null : uploadError} />
        </section>
      </div>

      <section aria-labelledby="library-title" className="card">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="library-title" className="text-xl font-bold">
            All media ({assets.length})
          </h2>
          {working ? (
            <p className="text-sm text-ink-700" role="status">
              Transcoding or uploading: this list refreshes by itself.{" "}
              <Link to={`/instructor/courses/${course.id}/media`} reloadDocument>
                Refresh now
              </Link>
            </p>
          ) : null}
        </div>
        {assets.length === 0 ? (
          <p className="mt-3 text-ink-700">Nothing uploaded yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-ink-100" aria-label="Uploaded files">
            {assets.map((asset) => (
              <li key={asset.id} className="grid gap-3 py-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto]" data-asset={asset.id}>
                <div className="min-w-0">
                  <p className="font-semibold [overflow-wrap:anywhere]">{asset.title || asset.originalName}</p>
                  <p className="text-sm text-ink-700 [overflow-wrap:anywhere]">
                    {KIND_LABELS[asset.kind]} · {formatBytes(asset.sizeBytes)} · {asset.contentType} · uploaded {formatDateTime(asset.createdAt)}
                  </p>
                  <p className="text-sm">
                    {asset.lessonId ? <Link to={`/instructor/courses/${course.id}/lessons/${asset.lessonId}#lesson-media`}>{asset.usedAs}</Link> : asset.usedAs}
                  </p>
                </div>
                <AssetStatus asset={asset} />
                <div>
                  <DangerButton summary="Delete…" intent="delete" hidden={{ assetId: asset.id }} button="Delete for good" action={`/instructor/courses/${course.id}/media`}>
                    “{asset.title || asset.originalName}” is deleted{asset.usedAs !== "Image library" && asset.usedAs !== "Not attached" ? ` and removed from where it is used (${asset.usedAs})` : ""}. This can't be undone.
                  </DangerButton>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
