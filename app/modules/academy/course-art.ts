/**
 * Generated artwork for course cards: a small SVG drawn from the course's level, its
 * main Sentry feature (the motif: a trace waterfall for tracing, a flame graph for
 * profiling…) and a hash of its slug (the variation), in the app's palette. No stock
 * images, nothing to upload. The picture is a pure function of its URL
 * (`/art/course/v1-b-tracing-3fa9c1.svg`), so the route can answer it with immutable
 * caching; a new drawing gets a new version prefix. Client-safe: the card builds the URL.
 */

const VERSION = "v1";
const LEVEL_CODES = {
  BEGINNER: "b",
  INTERMEDIATE: "i",
  ADVANCED: "a",
} as const;
type LevelCode = (typeof LEVEL_CODES)[keyof typeof LEVEL_CODES];

/** FNV-1a, 24 bits: a stable variation per slug (not a security hash). */
function hash24(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h >>> 8).toString(16).padStart(6, "0");
}

export function courseArtUrl(course: { slug: string; level: string; features: string[] }) {
  const level = LEVEL_CODES[course.level as keyof typeof LEVEL_CODES] ?? "b";
  const feature = /^[a-z-]{1,24}$/.test(course.features[0] ?? "") ? course.features[0] : "errors";
  return `/art/course/${VERSION}-${level}-${feature}-${hash24(course.slug)}.svg`;
}

const BACKGROUND: Record<LevelCode, [string, string]> = {
  b: ["#8260f2", "#c4b2ff"],
  i: ["#5b2dbf", "#8260f2"],
  a: ["#1d1530", "#5b2dbf"],
};
const LIGHT = "#ece8f5";
const ROSE = "#e1567c";

/** A small deterministic sequence from the hash: numbers in [0, 1). */
function randoms(hex: string) {
  let seed = parseInt(hex, 16) || 1;
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

const r1 = (n: number) => Math.round(n);

function motif(feature: string, rand: () => number): string {
  const x0 = 190;
  switch (feature) {
    case "tracing": {
      // A trace waterfall: spans that start later and nest.
      let x = x0;
      return Array.from({ length: 6 }, (_, i) => {
        const w = r1(60 + rand() * 110);
        const bar = `<rect x="${x}" y="${22 + i * 20}" width="${Math.min(w, 380 - x)}" height="12" rx="3" fill="${i === 3 ? ROSE : LIGHT}" opacity="${
          i === 3 ? 1 : 0.85
        }"/>`;
        x += r1(10 + rand() * 25);
        return bar;
      }).join("");
    }
    case "profiling": {
      // A flame graph: rows narrowing upwards.
      const rows: string[] = [];
      let spans: [number, number][] = [[x0, 190]];
      for (let row = 0; row < 5; row += 1) {
        const next: [number, number][] = [];
        for (const [x, w] of spans) {
          rows.push(
            `<rect x="${x}" y="${128 - row * 22}" width="${w - 2}" height="18" rx="2" fill="${row === 4 ? ROSE : LIGHT}" opacity="${0.95 - row * 0.12}"/>`
          );
          if (w > 30) {
            const split = r1(w * (0.35 + rand() * 0.4));
            next.push([x, split]);
            if (rand() > 0.4) next.push([x + split, r1((w - split) * 0.8)]);
          }
        }
        spans = next;
      }
      return rows.join("");
    }
    case "dashboards":
      return Array.from({ length: 6 }, (_, i) => {
        const x = x0 + (i % 3) * 64;
        const y = 22 + Math.floor(i / 3) * 62;
        const h = r1(14 + rand() * 30);
        return `<rect x="${x}" y="${y}" width="56" height="52" rx="6" fill="${LIGHT}" opacity="0.25"/><rect x="${x + 10}" y="${
          y + 44 - h
        }" width="10" height="${h}" fill="${LIGHT}"/><rect x="${x + 26}" y="${y + 44 - h / 2}" width="10" height="${r1(h / 2)}" fill="${
          i === 4 ? ROSE : LIGHT
        }"/>`;
      }).join("");
    case "session-replay":
      return `<rect x="${x0}" y="24" width="176" height="98" rx="10" fill="${LIGHT}" opacity="0.25"/><circle cx="${
        x0 + 88
      }" cy="73" r="26" fill="${LIGHT}"/><path d="M${x0 + 80} 60 L${x0 + 102} 73 L${
        x0 + 80
      } 86 Z" fill="#5b2dbf"/><rect x="${x0}" y="134" width="176" height="6" rx="3" fill="${LIGHT}" opacity="0.4"/><rect x="${x0}" y="134" width="${r1(
        40 + rand() * 120
      )}" height="6" rx="3" fill="${ROSE}"/>`;
    case "alerts":
    case "uptime": {
      // A heartbeat for uptime; signal rings for alerts.
      if (feature === "uptime") {
        const peak = r1(x0 + 60 + rand() * 60);
        return `<polyline points="${x0},90 ${peak - 30},90 ${peak - 16},60 ${peak},118 ${peak + 14},40 ${
          peak + 28
        },90 380,90" fill="none" stroke="${LIGHT}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/><circle cx="${
          peak + 14
        }" cy="40" r="7" fill="${ROSE}"/>`;
      }
      const cx = x0 + 96;
      return (
        [3, 2, 1]
          .map((k) => `<circle cx="${cx}" cy="80" r="${k * 22}" fill="none" stroke="${LIGHT}" stroke-width="6" opacity="${0.3 + (3 - k) * 0.25}"/>`)
          .join("") + `<circle cx="${cx}" cy="80" r="11" fill="${ROSE}"/>`
      );
    }
    case "crons": {
      const cx = x0 + 96;
      const angle = rand() * Math.PI * 2;
      const ticks = Array.from({ length: 12 }, (_, i) => {
        const a = (i / 12) * Math.PI * 2;
        return `<line x1="${r1(cx + Math.cos(a) * 50)}" y1="${r1(80 + Math.sin(a) * 50)}" x2="${r1(cx + Math.cos(a) * 60)}" y2="${r1(
          80 + Math.sin(a) * 60
        )}" stroke="${LIGHT}" stroke-width="4"/>`;
      }).join("");
      return `<circle cx="${cx}" cy="80" r="66" fill="none" stroke="${LIGHT}" stroke-width="6"/>${ticks}<line x1="${cx}" y1="80" x2="${r1(
        cx + Math.cos(angle) * 40
      )}" y2="${r1(
        80 + Math.sin(angle) * 40
      )}" stroke="${ROSE}" stroke-width="6" stroke-linecap="round"/><line x1="${cx}" y1="80" x2="${cx}" y2="48" stroke="${LIGHT}" stroke-width="6" stroke-linecap="round"/>`;
    }
    case "releases":
    case "release-health": {
      // A commit graph: a main line and a branch merged back.
      const dots = Array.from({ length: 5 }, (_, i) => `<circle cx="${x0 + 10 + i * 42}" cy="100" r="9" fill="${i === 4 ? ROSE : LIGHT}"/>`).join("");
      const from = x0 + 10 + r1(rand() * 2) * 42;
      return `<line x1="${x0 + 10}" y1="100" x2="${x0 + 178}" y2="100" stroke="${LIGHT}" stroke-width="5"/><path d="M${from} 100 C${from + 20} 50 ${
        from + 64
      } 50 ${from + 84} 100" fill="none" stroke="${LIGHT}" stroke-width="5" opacity="0.7"/>${dots}`;
    }
    case "logs":
    case "source-maps":
    case "errors":
    case "user-feedback":
    default: {
      // Lines of text: a stack trace (errors), log lines, minified → readable (source maps), a speech bubble (feedback).
      const lines = Array.from({ length: 6 }, (_, i) => {
        const w = r1(50 + rand() * 120);
        const hot = (feature === "errors" && i === 2) || (feature === "logs" && i === 4);
        const dot = feature === "logs" ? `<circle cx="${x0 + 6}" cy="${30 + i * 19}" r="5" fill="${hot ? ROSE : LIGHT}"/>` : "";
        return `${dot}<rect x="${x0 + (feature === "logs" ? 18 : 0)}" y="${25 + i * 19}" width="${w}" height="10" rx="5" fill="${
          hot ? ROSE : LIGHT
        }" opacity="${hot ? 1 : 0.8}"/>`;
      }).join("");
      if (feature === "user-feedback") {
        return `<path d="M${x0} 30 h170 a12 12 0 0 1 12 12 v70 a12 12 0 0 1 -12 12 h-120 l-24 20 v-20 h-26 a12 12 0 0 1 -12 -12 v-70 a12 12 0 0 1 12 -12 z" fill="${LIGHT}" opacity="0.3"/><rect x="${
          x0 + 20
        }" y="56" width="120" height="10" rx="5" fill="${LIGHT}"/><rect x="${x0 + 20}" y="78" width="${r1(
          60 + rand() * 70
        )}" height="10" rx="5" fill="${ROSE}"/>`;
      }
      if (feature === "source-maps") {
        return `<text x="${x0}" y="92" font-family="monospace" font-size="64" fill="${LIGHT}" opacity="0.9">{ }</text><path d="M${
          x0 + 104
        } 70 h30 m-10 -10 l10 10 l-10 10" fill="none" stroke="${ROSE}" stroke-width="5" stroke-linecap="round"/>${lines
          .replaceAll(`x="${x0}"`, `x="${x0 + 150}"`)
          .replace(/width="(\d+)"/g, (_, w) => `width="${r1(Number(w) / 4)}"`)}`;
      }
      return lines;
    }
  }
}

/** The SVG for an art URL's key ("v1-b-tracing-3fa9c1.svg"), or null when the key isn't one. */
export function courseArtSvg(key: string): string | null {
  const m = /^v1-([bia])-([a-z-]{1,24})-([0-9a-f]{6})\.svg$/.exec(key);
  if (!m) return null;
  const [, level, feature, hex] = m;
  const rand = randoms(hex);
  const [from, to] = BACKGROUND[level as LevelCode];
  const dots = Array.from(
    { length: 9 },
    () =>
      `<circle cx="${r1(16 + rand() * 150)}" cy="${r1(14 + rand() * 132)}" r="${r1(3 + rand() * 12)}" fill="${LIGHT}" opacity="${(0.12 + rand() * 0.25).toFixed(
        2
      )}"/>`
  ).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" width="400" height="160"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="400" height="160" fill="url(#g)"/>${dots}${motif(
    feature,
    rand
  )}</svg>`;
}
