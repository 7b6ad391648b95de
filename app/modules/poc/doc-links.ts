/**
 * Documentation links generated from a confirmed tech stack: the Sentry docs page
 * of each platform or framework guide (sentry-platforms.ts, Sentry's own list),
 * and for each success criterion's feature the page on those platforms where the
 * feature applies (the applicability table of Sentry Connect).
 */
import { sentryPlatforms } from "~/data/sentry-platforms.ts";
import { featureLabel } from "~/modules/academy/taxonomy.ts";
import { applies, featureDocsUrl, ruleFor } from "~/modules/sentry-connect/features.ts";

const byId = new Map(sentryPlatforms.map((p) => [p.id, p]));

export type PlatformLink = { id: string; name: string; language: string; type: string; docsUrl: string };
export type FeatureLinks = { feature: string; label: string; criteria: string[]; links: { platform: string; platformName: string; url: string }[]; notApplicable: { platformName: string; reason: string }[] };

export function isKnownPlatform(id: string) {
  return byId.has(id);
}

/** Platform choices for the tech stack form, grouped by language, deprecated ones left out. */
export function platformChoices() {
  const groups = new Map<string, { id: string; name: string }[]>();
  for (const p of sentryPlatforms) {
    if (p.deprecated) continue;
    const list = groups.get(p.language) ?? [];
    list.push({ id: p.id, name: p.name });
    groups.set(p.language, list);
  }
  return [...groups.entries()].map(([language, platforms]) => ({ language, platforms })).sort((a, b) => a.language.localeCompare(b.language));
}

export function platformLinks(stack: string[]): PlatformLink[] {
  return stack.flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ id, name: p.name, language: p.language, type: p.type, docsUrl: p.docsUrl }] : [];
  });
}

export function featureLinks(stack: string[], criteria: { title: string; feature: string | null }[]): FeatureLinks[] {
  const features = new Map<string, string[]>();
  for (const c of criteria) if (c.feature && ruleFor(c.feature)) features.set(c.feature, [...(features.get(c.feature) ?? []), c.title]);
  return [...features.entries()].map(([feature, titles]) => {
    const rule = ruleFor(feature)!;
    const links: FeatureLinks["links"] = [];
    const notApplicable: FeatureLinks["notApplicable"] = [];
    for (const id of stack) {
      const name = byId.get(id)?.name ?? id;
      if (applies(rule, { platform: id, hasMinifiedStackTrace: false })) links.push({ platform: id, platformName: name, url: featureDocsUrl(rule, id) });
      else notApplicable.push({ platformName: name, reason: rule.notApplicable });
    }
    if (stack.length === 0) links.push({ platform: "", platformName: "all platforms", url: featureDocsUrl(rule, null) });
    return { feature, label: featureLabel(feature), criteria: titles, links, notApplicable };
  });
}
