/**
 * Removes anything shaped like a secret before it leaves the process in an error
 * event or a log line: Sentry user/org/app tokens, 64-hex OAuth and legacy
 * tokens, our API tokens, Bearer headers, the customer share token in `/customer/<token>` URLs (pages and
 * `/api/v1/customer/<token>`), and email addresses. The server's (server.ts) and the browser's
 * (entry.client.tsx) Sentry use it as beforeSend and beforeBreadcrumb.
 */
const PATTERNS = [
  // A POC's share link is its customer's only key (decision 007): keep the path, drop the token.
  /(\/customer\/)[A-Za-z0-9_-]{20,64}/g,
  /\bsntry[usai]_[A-Za-z0-9+/=_-]+/g,
  /\b[0-9a-f]{64}\b/g,
  /\bsa_[A-Za-z0-9]{20,}\b/g,
  /(Bearer\s+)[^\s"']+/gi,
  // Email addresses (learners', customers' call participants'): personal data stays out of our error reports.
  // Bounded repeats: linear time on long strings without an @.
  /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g,
];

export function scrubString(value: string): string {
  return PATTERNS.reduce((text, pattern) => text.replace(pattern, (match, prefix) => (typeof prefix === "string" && /^(Bearer|\/customer\/)/i.test(prefix) ? `${prefix}[redacted]` : "[redacted]")), value);
}

/** Deep copy with every string scrubbed; keys named like credentials are dropped. */
export function scrub<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === "string") return scrubString(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = /token|secret|password|authorization|cookie/i.test(key) ? "[redacted]" : scrub(v, depth + 1);
    }
    return out as T;
  }
  return value;
}
