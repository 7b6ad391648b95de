/** Catalogue filters as URL parameters: parsing and building, without I/O. */
import { CATEGORIES, FEATURE_SLUGS, isPlatform, LEVELS } from "./taxonomy.ts";
import { pageParam } from "~/utils/page-param.ts";

export const PAGE_SIZE = 12;

export type CatalogFilters = {
  q: string;
  category: string | null;
  level: (typeof LEVELS)[number]["value"] | null;
  tag: string | null;
  platform: string | null;
  feature: string | null;
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
  const page = pageParam(params, 1000);
  return { q, category, level, tag, platform, feature, page };
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
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/courses?${query}` : "/courses";
}

export function hasFilters(f: CatalogFilters) {
  return Boolean(f.q || f.category || f.level || f.tag || f.platform || f.feature);
}

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
