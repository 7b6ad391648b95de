/**
 * The course's image (the catalogue card and course page show it): the current
 * upload, a form to upload a new one and one to remove it. On the course's
 * settings page and in its media library; both post to the media library's route.
 */
import { Form } from "@remix-run/react";
import { formatBytes } from "~/modules/media/limits.ts";
import { AssetStatus, UploadForm, type AssetView } from "./media-upload.tsx";

const courseMediaAction = (courseId: string) => `/instructor/courses/${courseId}/media`;

export function CourseImageForm({ courseId, cover, error }: { courseId: string; cover: AssetView | null; error?: string | null }) {
  const action = courseMediaAction(courseId);
  return (
    <div className="space-y-4">
      {cover ? (
        <div className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-ink-300/60 bg-ink-100/40 p-3">
          <div className="min-w-0 space-y-1">
            <p className="font-semibold [overflow-wrap:anywhere]">{cover.originalName}</p>
            <p className="text-sm text-ink-700">{formatBytes(cover.sizeBytes)}</p>
            <AssetStatus asset={cover} />
          </div>
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="remove-cover" />
            <button type="submit" className="btn btn-tertiary py-1 text-sm text-red-800">
              Stop using it as the course image
            </button>
          </Form>
        </div>
      ) : (
        <p className="text-sm text-ink-700">No uploaded image: the catalogue shows the image address of the course details, or the course's generated art.</p>
      )}
      <UploadForm action={action} kind="IMAGE" label={cover ? "Replace the course image" : "Upload a course image"} target={{ courseId, cover: true }} error={error} />
    </div>
  );
}
