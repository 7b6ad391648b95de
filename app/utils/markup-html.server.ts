/**
 * HTML that a page renders with `dangerouslySetInnerHTML` (a lesson's body) is
 * in the page's markup already; sent again in the hydration data
 * (`window.__remixContext`) it doubles the page's weight (decision 028). For a
 * document request the loader marks such a field with `markupOnly`: the
 * server's render still reads it, but it is left out of the serialized data
 * (Remix serializes enumerable properties only). A `.data` request (client-side
 * navigation, revalidation) gets it as usual. On the client the component reads
 * it through `useMarkupHtml` (components/use-markup-html.ts), which takes the
 * missing value from the element's markup.
 *
 * Not for a route with `renderCacheSeconds`: the render cache keys on the
 * serialized data, which would no longer include the field.
 */
import type { AppLoadContext } from "@remix-run/node";

/** `value` with `key` left out of the hydration data of a document request (its type says the client may miss it). */
export function markupOnly<T extends object, K extends keyof T & string>(value: T, key: K, context: AppLoadContext | undefined): Omit<T, K> & Partial<Pick<T, K>> {
  if (context?.documentRequest) Object.defineProperty(value, key, { enumerable: false });
  return value;
}
