import type { AppLoadContext } from "@remix-run/node";

/** The client's IP address, as the server entry resolved it (see server.ts). */
export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}
