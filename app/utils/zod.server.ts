/**
 * Zod, and Conform's Zod helpers, for a route whose page validates on the
 * server only (the sign-in pages, the certificate page): imported from this
 * server-only module, they stay out of the page's JavaScript (decision 028).
 * Importing them from "zod" or "@conform-to/zod/v4" in a route module puts the
 * whole of Zod (436 KB) into its bundle even when only the action uses them:
 * the bundler keeps a chunk a route imports from, used or not. Such a route
 * builds its schemas inside its loader or action (or takes them from a
 * `*.server.ts` module): on the client these names are undefined.
 */
export { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
export { z } from "zod";
