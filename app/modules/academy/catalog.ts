/** Catalogue filters as URL parameters: parsing and building, without I/O. */
import { CATEGORIES, FEATURE_SLUGS, isPlatform, LEVELS } from "./taxonomy.ts";
import { pageParam } from "~/utils/page-param.ts";

export const PAGE_SIZE = 12;

/** How results are ordered. No choice: relevance for a search, otherwise level (beginner first) then popularity. */
export const SORTS = [
  { value: "level", label: "Beginner first" },
  { value: "popular", label: "Most learners" },
  { value: "title", label: "Title (A–Z)" },
] as const;
type CatalogSort = (typeof SORTS)[number]["value"];

export type CatalogFilters = {
  q: string;
  category: string | null;
  level: (typeof LEVELS)[number]["value"] | null;
  tag: string | null;
  platform: string | null;
  feature: string | null;
  sort: CatalogSort | null;
  page: number;
};

export function parseCatalogParams(params: URLSearchParams): CatalogFilters {
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const category = CATEGORIES.find((c) => c.toLowerCase() === params.get("category")?.toLowerCase()) ?? null;
  const level = LEVELS.find((l) => l.slug === params.get("level")?.toLowerCase())?.value ?? null;
  const tag = params.get("tag")?.trim().toLowerCase().slice(0, 40) || null;
  const platformParam = params.get("platform")?.trim().toLowerCase() ?? "";
  const platform = isPlatform(platformParam) ? platformParam : null;
  const featureParam = params.get("feature") ?? "";
  const feature = (FEATURE_SLUGS as readonly string[]).includes(featureParam) ? featureParam : null;
  const sort = SORTS.find((s) => s.value === params.get("sort"))?.value ?? null;
  const page = pageParam(params, 1000);
  return { q, category, level, tag, platform, feature, sort, page };
}

/** The URL of the catalogue with some filters changed (page resets unless given). */
export function catalogUrl(filters: CatalogFilters, change: Partial<CatalogFilters> = {}): string {
  const next = { ...filters, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.category) params.set("category", next.category.toLowerCase());
  if (next.level) params.set("level", next.level.toLowerCase());
  if (next.tag) params.set("tag", next.tag);
  if (next.platform) params.set("platform", next.platform);
  if (next.feature) params.set("feature", next.feature);
  if (next.sort) params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/courses?${query}` : "/courses";
}

export function hasFilters(f: CatalogFilters) {
  return Boolean(f.q || f.category || f.level || f.tag || f.platform || f.feature);
}

/** The filters the form narrows by (not the search words or the order): the phone's filter panel opens when one is set. */
export function hasNarrowingFilters(f: CatalogFilters) {
  return Boolean(f.category || f.level || f.tag || f.platform || f.feature);
}

/** The groups of the tag filter (an <optgroup> each); `tagKind` in catalog.server.ts sorts the tags into them. */
export type TagKind = "feature" | "platform" | "topic";
export const TAG_KINDS: { kind: TagKind; label: string }[] = [
  { kind: "feature", label: "Sentry features" },
  { kind: "platform", label: "Platforms and tools" },
  { kind: "topic", label: "Topics" },
];

/** Marker characters PostgreSQL puts around highlighted words (rendered as <mark>, never as HTML). */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_END = "\u0003";

export function splitHighlights(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  const re = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, "g");
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}

/**
 * A short excerpt of `marked` (text with highlight markers around every match, as
 * ts_headline's HighlightAll gives it) for a result card: it starts at the text's start
 * when the first match fits in the excerpt, otherwise at the beginning of the sentence with it (or a few words before the match when that
 * sentence is long), ends at a word boundary after about `maxWords` words, and says
 * where it cut with an ellipsis ("See what users saw before an error…").
 */
const TRAILING_PUNCTUATION = new RegExp(`[\\s,;:.–-]+(?=${HIGHLIGHT_END}?$)`);

export function excerpt(marked: string, maxWords = 26): string {
  const text = marked.replace(/\s+/g, " ").trim();
  const words = text.split(" ");
  const hitWord = Math.max(0, words.findIndex((w) => w.includes(HIGHLIGHT_START)));
  // The sentence the first match is in starts after the last word that ends one.
  // A short text (a course summary) is shown from its start when the match fits.
  let start = hitWord < maxWords - 6 ? 0 : hitWord;
  while (start > 0 && !/[.!?]["')\]]?$/.test(words[start - 1].replaceAll(HIGHLIGHT_END, ""))) start -= 1;
  if (hitWord - start >= maxWords - 4) start = hitWord - 6;
  const end = Math.min(words.length, start + maxWords);
  let body = words.slice(start, end).join(" ");
  // A marker cut off by the end of the excerpt is closed, so the rest of the card isn't marked.
  if (body.lastIndexOf(HIGHLIGHT_START) > body.lastIndexOf(HIGHLIGHT_END)) body += HIGHLIGHT_END;
  if (end < words.length) body = `${body.replace(TRAILING_PUNCTUATION, "")}…`;
  return start > 0 ? `…${body}` : body;
}
