/**
 * What every customer share page sends besides its body: response headers and
 * meta (no caching, no indexing, no referrer so the token never leaks to
 * docs.sentry.io). Client-safe: nothing here imports a .server module.
 */
import type { HeadersFunction, MetaDescriptor } from "@remix-run/node";
import { IMAGE_ORIGIN_HEADER } from "~/utils/image-origin.ts";

/** The layout route's id (its file name): routes/customer.$token.tsx. A test checks that the file exists. */
export const CUSTOMER_LAYOUT_ID = "routes/customer.$token";

/**
 * On every customer page and data request: the token is a secret in the URL.
 * "same-origin", not "no-referrer": no referrer ever goes to another site, but the
 * page's own form posts keep their Origin (with Origin: null Remix refuses them).
 */
const CUSTOMER_HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "same-origin",
} as const;

/** With the Retry-After of a refused change (the link's rate limit, customer-portal.server.ts). */
/** And the logo's origin for the page's CSP (image-origin.ts), from the layout's loader. */
export const customerHeaders: HeadersFunction = ({ errorHeaders, loaderHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  const imageOrigin = loaderHeaders.get(IMAGE_ORIGIN_HEADER);
  return { ...CUSTOMER_HEADERS, ...(retryAfter ? { "Retry-After": retryAfter } : {}), ...(imageOrigin ? { [IMAGE_ORIGIN_HEADER]: imageOrigin } : {}) };
};

const ROBOTS: MetaDescriptor[] = [
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "same-origin" },
];

type MetaArgs = { matches: { id: string; data: unknown; meta: MetaDescriptor[] }[] };

/** "<view> · <customer> · Proof of concept with Sentry", and never indexed. */
export function customerMeta(view: string | null, { matches }: MetaArgs): MetaDescriptor[] {
  const layout = matches.find((m) => m.id === CUSTOMER_LAYOUT_ID)?.data as { customerName?: string } | undefined;
  // A bad token renders the ordinary not-found page: the root's title, nothing about the POC.
  if (!layout?.customerName) return [...(matches.find((m) => m.id === "root")?.meta ?? []), ...ROBOTS];
  return [{ title: `${view ? `${view} · ` : ""}${layout.customerName} · Proof of concept with Sentry` }, ...ROBOTS];
}
