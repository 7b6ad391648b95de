/**
 * Format check for pasted Sentry tokens, shared by the server and the as-you-type
 * hint in the browser. Facts from Sentry's source (shared/reference/SOURCES.md):
 * user auth tokens are `sntryu_` + 64 hex; tokens made before prefixes are 64 hex;
 * organization tokens (`sntrys_`) only carry org:ci and cannot list projects.
 */
export type TokenCheck = { ok: true; kind: "user" | "legacy" } | { ok: false; message: string };

export const SENTRY_TOKEN_SETTINGS_PATH = "/settings/account/api/auth-tokens/";

export function checkTokenFormat(raw: string): TokenCheck {
  const token = raw.trim();
  if (!token) return { ok: false, message: "Paste the token you created in Sentry." };
  if (/\s/.test(token))
    return {
      ok: false,
      message: "The token has spaces or line breaks in it: copy it again, in one piece.",
    };
  if (token.startsWith("sntrys_")) {
    return {
      ok: false,
      message:
        "This is an organization token (sntrys_…). Those only carry the org:ci scope for uploading source maps and releases, so they cannot list your projects. Create a personal user token instead.",
    };
  }
  if (token.startsWith("sntrya_") || token.startsWith("sntryi_")) {
    return {
      ok: false,
      message: "This token belongs to an app or integration, not to you. Create a personal user token (it starts with sntryu_).",
    };
  }
  if (token.startsWith("sntryu_")) {
    const rest = token.slice("sntryu_".length);
    if (/^[0-9a-f]{64}$/.test(rest)) return { ok: true, kind: "user" };
    if (/^[0-9a-fA-F]+$/.test(rest) && rest.length !== 64) {
      return {
        ok: false,
        message: `A user token has 64 characters after "sntryu_"; this one has ${rest.length}. Copy it again; it may be cut short.`,
      };
    }
    return {
      ok: false,
      message: 'After "sntryu_" a user token has only the characters 0-9 and a-f. Copy it again from Sentry.',
    };
  }
  if (/^[0-9a-f]{64}$/.test(token)) return { ok: true, kind: "legacy" };
  if (/^[0-9a-fA-F]+$/.test(token)) {
    return {
      ok: false,
      message: `An older Sentry token is 64 hexadecimal characters; this one has ${token.length}. Copy it again.`,
    };
  }
  return {
    ok: false,
    message: 'That doesn\'t look like a Sentry user token: those start with "sntryu_" followed by 64 characters 0-9 and a-f.',
  };
}
