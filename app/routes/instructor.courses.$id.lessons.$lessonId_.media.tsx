import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { LessonMediaPanel, type UploadError } from "~/components/authoring/lesson-media-panel.tsx";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { KIND_LIMITS, type MediaKindName } from "~/modules/media/limits.ts";
import { isMultipart, receivePlainUpload } from "~/modules/media/multipart.server.ts";
import { deleteMediaAsset, lessonMedia } from "~/modules/media/uploads.server.ts";
import { rethrowAsPage, toPageResponse, UNKNOWN_INTENT } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

/**
 * A lesson's media: the studio lesson page shows the same panel and posts its forms here.
 * A refused upload renders the panel here with the message under its field (4xx); anything
 * else goes back to the lesson page with a toast.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Video and files · ${data?.media.lesson.title ?? "Lesson"} · Instructor studio · Sentry Academy` }];

const LESSON_KINDS: readonly MediaKindName[] = ["VIDEO", "CAPTIONS", "POSTER", "RESOURCE"];
const ASSET_ID = /^[a-z0-9]{10,40}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const media = await lessonMedia(course.id, params.lessonId ?? "").catch(rethrowAsPage());
  return { course: { id: course.id, title: course.title }, media };
}

const DONE: Record<MediaKindName, (name: string, status: string) => string> = {
  VIDEO: (name) => `Video “${name}” uploaded: it is being transcoded, its progress shows below.`,
  CAPTIONS: (name) => `Captions “${name}” uploaded.`,
  POSTER: (name) => `Poster “${name}” uploaded.`,
  RESOURCE: (name) => `Resource “${name}” added.`,
  IMAGE: (name) => `Image “${name}” uploaded.`,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const media = await lessonMedia(course.id, params.lessonId ?? "").catch(rethrowAsPage());
  const lessonPage = `/instructor/courses/${course.id}/lessons/${media.lesson.id}#lesson-media`;
  try {
    if (isMultipart(request)) {
      const result = await receivePlainUpload(request, { courseId: course.id, lessonId: media.lesson.id, allowed: LESSON_KINDS }, user);
      if (!result.ok) return data({ upload: { kind: result.kind, message: result.message } satisfies UploadError }, { status: result.status });
      return redirectWithToast(lessonPage, { kind: "success", message: DONE[result.asset.kind](result.name, result.asset.status) });
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return data({ upload: { kind: null, message: "The form could not be read. Send it from the lesson's page." } satisfies UploadError }, { status: 400 });
    }
    if (form.get("intent") !== "remove") throw new Response(UNKNOWN_INTENT, { status: 400 });
    const assetId = String(form.get("assetId") ?? "");
    const removed = ASSET_ID.test(assetId) ? await deleteMediaAsset(course.id, assetId, user) : null;
    if (!removed) return redirectWithToast(lessonPage, { kind: "error", message: "That file was already removed." });
    return redirectWithToast(lessonPage, { kind: "success", message: `${KIND_LIMITS[removed.kind].noun.replace(/^an? /, "").replace(/^./, (c) => c.toUpperCase())} “${removed.title}” removed.` });
  } catch (error) {
    throw toPageResponse(error);
  }
}

export default function LessonMediaPage() {
  const { course, media } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { upload?: UploadError } | undefined;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-2xl font-bold">Video and files of “{media.lesson.title}”</h2>
        <p className="mt-1">
          <Link to={`/instructor/courses/${course.id}/lessons/${media.lesson.id}`}>Back to the lesson</Link>
        </p>
      </div>
      <LessonMediaPanel courseId={course.id} media={media} error={reply?.upload ?? null} />
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
