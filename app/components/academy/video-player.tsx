/**
 * The lesson's video (decision 037). The server renders the browser's own
 * player: `<video controls preload="metadata" poster>` with the MP4 as a
 * `<source>` (a `#t=<seconds>` media fragment resumes where the learner left
 * off, no script needed) and the captions as a default `<track>`. That is the
 * whole player without JavaScript.
 *
 * With JavaScript the same element is enhanced, never replaced (no hydration
 * difference): when the lesson has an HLS master playlist and the browser has
 * MediaSource, hls.js (its light build: captions stay the native `<track>`) is
 * imported then, a chunk of its own that no other page and no MP4-only lesson
 * loads. It reads the playlists at once (the quality menu) and takes the
 * element over from the MP4 on the first play. Where there is no MediaSource
 * but native HLS (older iOS) the playlist plays natively; otherwise the MP4 stays. Below the video, labelled controls:
 * quality (Auto and each rendition, hls.js only), captions on/off, speed. The
 * position goes to the page's progress beacon on pause and every 30 s, and
 * resumes on the next visit. A signed URL that expired while the page stayed
 * open (a long pause) is swapped for a fresh one by revalidating the loader,
 * playback continuing where it was.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type HlsType from "hls.js/light";
import { useHydrated } from "~/components/use-hydrated.ts";

export type PlayerVideo = {
  src: string;
  type: string | null;
  hls: string | null;
  poster: string | null;
  durationSeconds: number | null;
  renditions: { height: number; bandwidth: number }[];
};
export type PlayerCaptions = { src: string; srcLang: string; label: string };

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
/** A saved position this close to the end (5 s, or a tenth of a short video) starts the video again from the beginning. */
const END_SLACK_SECONDS = 5;

/** Where to start: the saved second, unless it is at (or near) the end. */
export function resumeAt(saved: number, durationSeconds: number | null) {
  if (!(saved > 0)) return 0;
  if (durationSeconds && saved >= durationSeconds - Math.min(END_SLACK_SECONDS, durationSeconds / 10)) return 0;
  return Math.floor(saved);
}

/** The MP4's address with the media fragment that starts it at `seconds` (none at 0). */
export function withStart(src: string, seconds: number) {
  return seconds > 0 ? `${src.split("#")[0]}#t=${seconds}` : src;
}

type Level = { index: number; height: number };

export function VideoPlayer({
  video,
  captions,
  title,
  startAt,
  onTime,
  onPosition,
}: {
  video: PlayerVideo;
  captions: PlayerCaptions | null;
  title: string;
  /** Seconds to resume from (already checked with `resumeAt`). */
  startAt: number;
  /** Called with the current second as the video plays (for the page's 30-second beacon). */
  onTime?: (seconds: number) => void;
  /** Called with the current second when the learner pauses, seeks while paused, or the video ends (0: it ended): the page saves it. */
  onPosition?: (seconds: number) => void;
}) {
  const hydrated = useHydrated();
  const ref = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<HlsType | null>(null);
  const id = useId();
  const revalidator = useRevalidator();
  // The URLs the element plays: kept across revalidations (new signatures must not restart the video),
  // replaced only when the player asked for fresh ones after an expiry.
  const [urls, setUrls] = useState(video);
  const wantFresh = useRef<number | null>(null);
  // While hls.js takes the element over from the MP4 (its "pause" then is not the learner's).
  const switching = useRef(false);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  const [autoHeight, setAutoHeight] = useState<number | null>(null);
  const [captionsOn, setCaptionsOn] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [engine, setEngine] = useState<"mp4" | "hls.js" | "native-hls">("mp4");
  const onPositionRef = useRef(onPosition);
  const onTimeRef = useRef(onTime);
  useEffect(() => {
    onPositionRef.current = onPosition;
    onTimeRef.current = onTime;
  });

  // Fresh URLs arrive with the revalidated loader data: take them, resume where playback was.
  useEffect(() => {
    if (wantFresh.current === null || video.src === urls.src) return;
    setUrls(video);
  }, [video, urls.src]);

  // Playback: hls.js or native HLS when there is a playlist, else the MP4 the markup already names.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const refreshed = wantFresh.current !== null;
    const from = wantFresh.current ?? startAt;
    wantFresh.current = null;
    let cancelled = false;
    let startLoad: (() => void) | null = null;
    const seekOnce = (seconds: number) => {
      if (seconds <= 0) return;
      const seek = () => {
        if (Math.abs(element.currentTime - seconds) > 1) element.currentTime = seconds;
      };
      if (element.readyState >= 1) seek();
      else element.addEventListener("loadedmetadata", seek, { once: true });
    };
    const hasMse = typeof window !== "undefined" && ("MediaSource" in window || "ManagedMediaSource" in window);
    if (urls.hls && hasMse) {
      void import("hls.js/light").then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) return;
        // No worker: it would need blob: in worker-src (security-headers.server.ts keeps it to 'self').
        const hls = new Hls({ enableWorker: false, autoStartLoad: false });
        hlsRef.current = hls;
        // The playlists load now (the quality menu needs them); the element keeps the markup's MP4 until the
        // first play (its metadata, duration and #t= start, as preload="metadata": no segment fetched, no
        // spinner). On play hls.js takes the element over from the second it is at.
        let parsed = false;
        let attached = false;
        let started = false;
        let requested = false;
        let at = -1;
        const begin = () => {
          if (started || !parsed || !attached) return;
          started = true;
          hls.startLoad(at);
          void element.play().catch(() => {});
        };
        startLoad = () => {
          if (requested) return;
          requested = true;
          at = element.currentTime > 0 ? element.currentTime : from > 0 ? from : 0;
          switching.current = true;
          hls.attachMedia(element);
        };
        hls.on(Hls.Events.MEDIA_ATTACHED, () => {
          attached = true;
          begin();
        });
        hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
          setLevels(data.levels.map((l, index) => ({ index, height: l.height })).sort((a, b) => b.height - a.height));
          parsed = true;
          begin();
        });
        hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => setAutoHeight(hls.levels[data.level]?.height ?? null));
        hls.on(Hls.Events.ERROR, (_event, data) => {
          // A playlist or segment refused (403: its signature expired): ask for fresh URLs.
          const status = (data.response as { code?: number } | undefined)?.code;
          if (data.fatal || status === 403) expired(element.currentTime);
        });
        element.addEventListener("play", startLoad, { once: true });
        // Fresh URLs while watching: straight back to it.
        if (refreshed || !element.paused) startLoad();
        hls.loadSource(urls.hls!);
        setEngine("hls.js");
      });
    } else if (urls.hls && element.canPlayType("application/vnd.apple.mpegurl")) {
      element.src = urls.hls;
      setEngine("native-hls");
      seekOnce(from);
    } else if (refreshed) {
      // The MP4 again after fresh URLs: reload the element (a <source> change alone does nothing).
      element.load();
      seekOnce(from);
    }
    return () => {
      cancelled = true;
      if (startLoad) element.removeEventListener("play", startLoad);
      hlsRef.current?.destroy();
      hlsRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- set up once per set of URLs
  }, [urls]);

  // An expired signature on the MP4 (or natively played HLS) shows as a media error.
  const lastRefresh = useRef(0);
  function expired(at: number) {
    // At most once a minute: a URL that fails again right away is not an expiry.
    if (Date.now() - lastRefresh.current < 60_000) return;
    lastRefresh.current = Date.now();
    wantFresh.current = Math.floor(at);
    revalidator.revalidate();
  }

  useEffect(() => {
    const element = ref.current;
    const track = element?.textTracks[0];
    if (track) track.mode = captionsOn ? "showing" : "hidden";
  }, [captionsOn, hydrated]);

  useEffect(() => {
    // The default too: it survives hls.js giving the element a new source.
    if (ref.current) ref.current.playbackRate = ref.current.defaultPlaybackRate = speed;
  }, [speed]);

  function chooseLevel(value: number) {
    setLevel(value);
    const hls = hlsRef.current;
    if (!hls) return;
    // Auto: hls.js picks by bandwidth; a rendition: switch at once (the buffer is flushed).
    hls.currentLevel = value;
  }

  const save = () => {
    const element = ref.current;
    if (element && !switching.current) onPositionRef.current?.(element.ended ? 0 : Math.floor(element.currentTime));
  };

  return (
    <figure className="mt-6" aria-label={`Video: ${title}`}>
      <video
        ref={ref}
        controls
        preload="metadata"
        playsInline
        poster={urls.poster ?? undefined}
        className="aspect-video w-full rounded-xl bg-black"
        data-engine={engine}
        onPause={save}
        onPlaying={() => (switching.current = false)}
        onEnded={save}
        onTimeUpdate={() => {
          const element = ref.current;
          if (element) onTimeRef.current?.(element.ended ? 0 : Math.floor(element.currentTime));
        }}
        onError={() => {
          const element = ref.current;
          if (element && engine !== "hls.js") expired(element.currentTime);
        }}
      >
        <source
          src={withStart(urls.src, startAt)}
          type={urls.type ?? undefined}
          onError={() => {
            const element = ref.current;
            if (element && engine === "mp4") expired(element.currentTime);
          }}
        />
        {captions ? <track kind="captions" srcLang={captions.srcLang} label={captions.label} src={captions.src} default /> : null}
        <a href={urls.src}>Download the video</a>
      </video>
      {hydrated ? (
        <div role="group" className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" aria-label="Video settings">
          {engine === "hls.js" && levels.length > 0 ? (
            <span className="flex items-center gap-1">
              <label htmlFor={`${id}-quality`} className="font-semibold">
                Quality
              </label>
              <select id={`${id}-quality`} className="input w-auto py-1" value={level} onChange={(e) => chooseLevel(Number(e.target.value))}>
                <option value={-1}>Auto{level === -1 && autoHeight ? ` (${autoHeight}p)` : ""}</option>
                {levels.map((l) => (
                  <option key={l.index} value={l.index}>
                    {l.height}p
                  </option>
                ))}
              </select>
            </span>
          ) : null}
          <span className="flex items-center gap-1">
            <label htmlFor={`${id}-speed`} className="font-semibold">
              Speed
            </label>
            <select id={`${id}-speed`} className="input w-auto py-1" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s === 1 ? "Normal" : `${s}×`}
                </option>
              ))}
            </select>
          </span>
          {captions ? (
            <button
              type="button"
              className={`btn px-3 py-1 text-sm ${captionsOn ? "btn-primary" : "btn-secondary"}`}
              aria-pressed={captionsOn}
              onClick={() => setCaptionsOn((on) => !on)}
            >
              Captions
            </button>
          ) : null}
        </div>
      ) : null}
    </figure>
  );
}
