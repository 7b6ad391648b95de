/**
 * A lesson's media in the studio: its video, captions, poster and downloadable
 * resources, each with its status and a form to upload or remove it. Shown on the
 * lesson's editor page; its forms post to /instructor/courses/:id/lessons/:lessonId/media,
 * which renders this panel alone with the refusal next to its field (a 4xx) when
 * an upload is refused.
 */
import { Form, Link } from "@remix-run/react";
import { FormErrors } from "~/components/ui/field.tsx";
import { formatBytes, type MediaKindName } from "~/modules/media/limits.ts";
import { AssetStatus, UploadForm, useMediaPolling, type AssetView } from "./media-upload.tsx";

export type LessonMediaView = {
  lesson: { id: string; title: string };
  video: AssetView | null;
  captions: AssetView | null;
  poster: AssetView | null;
  resources: { title: string; asset: AssetView | null; url: string | null }[];
  pending: AssetView[];
  checkedAt: number;
};

/** The refusal of one upload, for the field of its kind. */
export type UploadError = { kind: MediaKindName | null; message: string } | null;

const lessonMediaAction = (courseId: string, lessonId: string) => `/instructor/courses/${courseId}/lessons/${lessonId}/media`;

function RemoveButton({ action, asset, what }: { action: string; asset: AssetView; what: string }) {
  return (
    <Form method="post" action={action} className="inline">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="assetId" value={asset.id} />
      <button type="submit" className="btn btn-tertiary py-1 text-sm text-red-800" aria-label={`Remove ${what} “${asset.title || asset.originalName}”`}>
        Remove
      </button>
    </Form>
  );
}

function Current({ asset, action, what }: { asset: AssetView | null; action: string; what: string }) {
  if (!asset) return <p className="text-sm text-ink-700">None yet.</p>;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-ink-300/60 bg-ink-100/40 p-3">
      <div className="min-w-0 space-y-1">
        <p className="font-semibold [overflow-wrap:anywhere]">{asset.originalName}</p>
        <p className="text-sm text-ink-700">{formatBytes(asset.sizeBytes)}</p>
        <AssetStatus asset={asset} />
      </div>
      <RemoveButton action={action} asset={asset} what={what} />
    </div>
  );
}

function Slot({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-3 rounded-lg border border-ink-300/60 p-4">
      <h4 id={id} className="font-bold">
        {title}
      </h4>
      {children}
    </section>
  );
}

export function LessonMediaPanel({ courseId, media, error }: { courseId: string; media: LessonMediaView; error?: UploadError }) {
  const action = lessonMediaAction(courseId, media.lesson.id);
  const target = { courseId, lessonId: media.lesson.id };
  const assets = [media.video, media.captions, media.poster, ...media.resources.map((r) => r.asset), ...media.pending].filter((a): a is AssetView => a !== null);
  const working = assets.some((a) => a.status === "PROCESSING" || a.status === "UPLOADING");
  useMediaPolling(working);
  const errorFor = (kind: MediaKindName) => (error?.kind === kind ? error.message : null);
  return (
    <section id="lesson-media" aria-labelledby="lesson-media-title" className="card scroll-mt-24 space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="lesson-media-title" className="text-lg font-bold">
          Video and files
        </h3>
        <p className="text-sm text-ink-700">
          {working ? (
            <>
              Transcoding shows its progress here.{" "}
              <Link to={`/instructor/courses/${courseId}/lessons/${media.lesson.id}?checked=${media.checkedAt}#lesson-media`} reloadDocument>
                Refresh status
              </Link>
            </>
          ) : (
            <Link to={`/instructor/courses/${courseId}/media`}>All of the course's media</Link>
          )}
        </p>
      </div>
      {error && !error.kind ? <FormErrors errors={[error.message]} /> : null}
      <p className="text-sm text-ink-800">Files are checked by their content when they arrive. An uploaded video replaces the video address above once it is transcoded.</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Slot title="Video" id="media-video">
          <Current asset={media.video} action={action} what="video" />
          <UploadForm action={action} kind="VIDEO" label={media.video ? "Replace the video" : "Upload a video"} target={target} error={errorFor("VIDEO")} />
        </Slot>
        <Slot title="Captions" id="media-captions">
          <Current asset={media.captions} action={action} what="captions" />
          <UploadForm action={action} kind="CAPTIONS" label={media.captions ? "Replace the captions" : "Upload captions"} target={target} error={errorFor("CAPTIONS")} />
        </Slot>
        <Slot title="Poster image" id="media-poster">
          <p className="text-sm text-ink-700">Shown before the video plays. Without one, a frame of the video is used.</p>
          <Current asset={media.poster} action={action} what="poster" />
          <UploadForm action={action} kind="POSTER" label={media.poster ? "Replace the poster" : "Upload a poster"} target={target} error={errorFor("POSTER")} />
        </Slot>
        <Slot title="Resources" id="media-resources">
          <p className="text-sm text-ink-700">Downloads listed under the lesson: slides, code, cheat sheets.</p>
          {media.resources.length || media.pending.length ? (
            <ul className="space-y-2">
              {media.resources.map((r, i) => (
                <li key={r.asset?.id ?? `url-${i}`} className="flex flex-wrap items-start justify-between gap-2 rounded-lg border border-ink-300/60 bg-ink-100/40 p-3">
                  <div className="min-w-0 space-y-1">
                    <p className="font-semibold [overflow-wrap:anywhere]">{r.title}</p>
                    {r.asset ? (
                      <>
                        <p className="text-sm text-ink-700 [overflow-wrap:anywhere]">
                          {r.asset.originalName} · {formatBytes(r.asset.sizeBytes)}
                        </p>
                        <AssetStatus asset={r.asset} />
                      </>
                    ) : (
                      <p className="text-sm text-ink-700 [overflow-wrap:anywhere]">Link: {r.url}</p>
                    )}
                  </div>
                  {r.asset ? <RemoveButton action={action} asset={r.asset} what="resource" /> : null}
                </li>
              ))}
              {media.pending.map((a) => (
                <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 rounded-lg border border-dashed border-ink-300 p-3">
                  <div className="min-w-0 space-y-1">
                    <p className="font-semibold [overflow-wrap:anywhere]">{a.originalName}</p>
                    <AssetStatus asset={a} />
                  </div>
                  <RemoveButton action={action} asset={a} what="resource" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-ink-700">None yet.</p>
          )}
          <UploadForm action={action} kind="RESOURCE" label="Add a resource" target={target} error={errorFor("RESOURCE")} withTitle submitLabel="Add resource" />
        </Slot>
      </div>
    </section>
  );
}
