/**
 * The Content-Security-Policy nonce of this response (security-headers.server.ts),
 * for the inline scripts of the document (root.tsx). entry.server.tsx provides
 * it; in the browser it is "" (browsers hide a nonce attribute's value from the
 * DOM, so hydration sees the same empty string).
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
