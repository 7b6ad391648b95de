/**
 * The studio's upload field (decision 035). Without JavaScript it is a plain
 * multipart form: the file goes with the POST, the limit is written next to the
 * field, and a refusal comes back as a 4xx page with the message under the field.
 * With JavaScript the same form uploads through tus (tus-js-client, loaded only
 * when an upload starts): a progress bar, retries while the connection is down,
 * resuming where it stopped (also after a reload: the upload's URL is kept in
 * localStorage), then the server's same checks (`finishUpload`).
 */
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { Badge } from "~/components/ui/badge.tsx";
import { ErrorList } from "~/components/ui/field.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { formatBytes, KIND_LIMITS, type MediaKindName } from "~/modules/media/limits.ts";

/** The resumable upload endpoint (server.ts mounts it). */
const TUS_ENDPOINT = "/uploads/tus/";

export type UploadTargetProps = { courseId: string; lessonId?: string; cover?: boolean };

type Phase = { state: "idle" } | { state: "uploading" | "retrying"; percent: number; name: string } | { state: "done"; message: string } | { state: "error"; message: string; resumable: boolean };

type TusUpload = import("tus-js-client").Upload;

const STATUS_TEXT: Record<string, string> = {
  PROCESSING: "It is being transcoded: its status above shows the progress.",
  READY: "It is ready.",
};

/**
 * One upload form: a file field named after its kind, an optional title, the limit as help.
 * `action` is the route that takes the plain upload; `error` the server's refusal for this field.
 */
export function UploadForm({
  action,
  kind,
  label,
  target,
  error,
  withTitle = false,
  submitLabel = "Upload",
  hidden = {},
}: {
  action: string;
  kind: MediaKindName;
  label: string;
  target: UploadTargetProps;
  error?: string | null;
  withTitle?: boolean;
  submitLabel?: string;
  hidden?: Record<string, string>;
}) {
  const id = useId();
  const fieldId = `${id}-file`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const limits = KIND_LIMITS[kind];
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  const upload = useRef<TusUpload | null>(null);
  const formAction = `${action}?kind=${kind.toLowerCase()}${target.cover ? "&cover=1" : ""}`;
  const posting = navigation.state === "submitting" && navigation.formAction?.startsWith(formAction);
  useEffect(() => () => void upload.current?.abort(), []);

  const shownError = phase.state === "error" ? phase.message : phase.state === "idle" ? error : null;
  const busy = phase.state === "uploading" || phase.state === "retrying" || posting;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const input = form.elements.namedItem(kind.toLowerCase()) as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return; // the browser's own "required" message
    event.preventDefault();
    if (file.size > limits.maxBytes) {
      setPhase({ state: "error", resumable: false, message: `The file is ${formatBytes(file.size)}: ${limits.noun} may be at most ${formatBytes(limits.maxBytes)}.` });
      return;
    }
    let tus: typeof import("tus-js-client");
    try {
      tus = await import("tus-js-client");
    } catch {
      // The script could not load: send the plain form instead.
      form.submit();
      return;
    }
    const title = (form.elements.namedItem("title") as HTMLInputElement | null)?.value ?? "";
    setPhase({ state: "uploading", percent: 0, name: file.name });
    const started = new tus.Upload(file, {
      endpoint: TUS_ENDPOINT,
      chunkSize: 16 * 1024 * 1024,
      retryDelays: [0, 1000, 2000, 4000, 8000, 15000, 30000],
      metadata: {
        filename: file.name,
        courseId: target.courseId,
        lessonId: target.lessonId ?? "",
        kind,
        title,
        cover: target.cover ? "1" : "",
      },
      // One upload per file and slot: the same file picked for another lesson starts afresh.
      fingerprint: async (f) => ["academy-media", target.courseId, target.lessonId ?? "-", kind, target.cover ? "cover" : "-", f.name, f.size, (f as File).lastModified].join(":"),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => setPhase({ state: "uploading", percent: total ? (sent / total) * 100 : 0, name: file.name }),
      onShouldRetry: (err) => {
        const status = err.originalResponse?.getStatus() ?? 0;
        const retry = status === 0 || status >= 500 || status === 409 || status === 423;
        if (retry) setPhase((p) => (p.state === "uploading" || p.state === "retrying" ? { ...p, state: "retrying" } : p));
        return retry;
      },
      onError: (err) => {
        const response = "originalResponse" in err ? err.originalResponse : null;
        const status = response?.getStatus() ?? 0;
        const body = response?.getBody()?.trim();
        const refused = status >= 400 && status < 500 && status !== 409 && status !== 423;
        setPhase({
          state: "error",
          resumable: !refused,
          message: refused && body ? body : "The connection to the server was lost and the upload stopped. Press “Resume upload” to go on where it stopped.",
        });
      },
      onSuccess: ({ lastResponse }) => {
        const status = lastResponse.getHeader("Media-Asset-Status") ?? "";
        setPhase({ state: "done", message: `Uploaded “${file.name}”. ${STATUS_TEXT[status] ?? ""}`.trim() });
        form.reset();
        upload.current = null;
        void revalidator.revalidate();
      },
    });
    upload.current = started;
    const previous = await started.findPreviousUploads().catch(() => []);
    if (previous.length) started.resumeFromPreviousUpload(previous[0]);
    started.start();
  }

  function resume() {
    const current = upload.current;
    if (!current) return;
    setPhase({ state: "uploading", percent: 0, name: "" });
    current.start();
  }

  return (
    <Form method="post" action={formAction} encType="multipart/form-data" onSubmit={hydrated ? onSubmit : undefined} className="space-y-3" aria-busy={busy || undefined}>
      <input type="hidden" name="intent" value="upload" />
      {target.cover ? <input type="hidden" name="cover" value="1" /> : null}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label htmlFor={fieldId} className="label">
          {label}
        </label>
        <input
          id={fieldId}
          name={kind.toLowerCase()}
          type="file"
          accept={limits.accept}
          required
          disabled={busy}
          className="input max-w-full"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={[helpId, shownError ? errorId : null].filter(Boolean).join(" ")}
        />
        <p id={helpId} className="mt-1 text-sm text-ink-700">
          {limits.limitText}.
        </p>
        <ErrorList id={shownError ? errorId : undefined} errors={shownError ? [shownError] : null} />
      </div>
      {withTitle ? (
        <div>
          <label htmlFor={`${id}-title`} className="label">
            Title shown to learners (optional)
          </label>
          <input id={`${id}-title`} name="title" type="text" maxLength={200} className="input" placeholder="The file's name" disabled={busy} />
        </div>
      ) : null}
      {phase.state === "uploading" || phase.state === "retrying" ? (
        <div className="space-y-1" data-testid="upload-progress">
          <ProgressBar percent={phase.percent} label={`Uploading ${phase.name || "the file"}`} />
          <p className="text-sm text-ink-800" role="status">
            {phase.state === "retrying" ? "The connection dropped: trying again, the upload goes on where it stopped…" : `Uploading ${phase.name}…`}
          </p>
        </div>
      ) : null}
      {phase.state === "done" ? (
        <p className="text-sm font-semibold text-emerald-900" role="status">
          <span aria-hidden="true">✓ </span>
          {phase.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {posting ? "Uploading…" : busy ? "Uploading…" : submitLabel}
        </button>
        {phase.state === "error" && phase.resumable ? (
          <button type="button" className="btn btn-secondary" onClick={resume}>
            Resume upload
          </button>
        ) : null}
        {phase.state === "uploading" || phase.state === "retrying" ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              void upload.current?.abort(true);
              upload.current = null;
              setPhase({ state: "idle" });
            }}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export type AssetView = {
  id: string;
  kind: string;
  status: string;
  title: string;
  originalName: string;
  sizeBytes: number;
  progress: number;
  error: string | null;
};

/** An asset's status in words (the badge's word is never colour alone), with transcoding progress and its error. */
export function AssetStatus({ asset }: { asset: AssetView }) {
  const name = asset.title || asset.originalName;
  if (asset.status === "PROCESSING") {
    return (
      <div className="min-w-40 space-y-1">
        <Badge tone="info">{asset.kind === "VIDEO" ? "Transcoding" : "Processing"}</Badge>
        <ProgressBar size="sm" percent={asset.progress} label={`Transcoding ${name}`} />
      </div>
    );
  }
  if (asset.status === "UPLOADING") {
    return (
      <div>
        <Badge tone="warning">Uploading</Badge>
      </div>
    );
  }
  if (asset.status === "FAILED") {
    return (
      <div className="space-y-1">
        <Badge tone="danger">Failed</Badge>
        {asset.error ? <p className="text-sm text-red-900">{asset.error}</p> : null}
      </div>
    );
  }
  return (
    <div>
      <Badge tone="success">Ready</Badge>
    </div>
  );
}

/** While something uploads or transcodes: JS asks the server again every few seconds; without JS, a link does. */
export function useMediaPolling(working: boolean, everyMs = 3000) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  useEffect(() => {
    if (!working || state !== "idle" || navigation.state !== "idle") return;
    const timer = setTimeout(() => void revalidate(), everyMs);
    return () => clearTimeout(timer);
  });
}
