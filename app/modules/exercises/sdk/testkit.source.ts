/**
 * The JavaScript source of `sentry-testkit` in the exercise sandbox: what the SDK "sent" since the
 * context started (or the last reset()), as raw envelope text and as parsed payloads. Exercise tests
 * import it. String.raw template: no backtick or dollar-brace inside.
 */
export const testkitSource = String.raw`
import { _academy } from "@sentry/core";

/** Splits envelope text into its header and items ({ header, payload }), as Relay reads it. */
export function parseEnvelope(text) {
  const lines = text.split("\n");
  const header = JSON.parse(lines[0]);
  const items = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    items.push({ header: JSON.parse(lines[i]), payload: JSON.parse(lines[i + 1]) });
  }
  return { header, items };
}

/** Every envelope sent, oldest first, as the text the SDK would POST. */
export function envelopes() {
  return _academy.envelopes();
}

function payloads(type) {
  const out = [];
  for (const text of _academy.envelopes()) {
    for (const item of parseEnvelope(text).items) if (item.header.type === type) out.push(item.payload);
  }
  return out;
}

/** Error and message events (captureException, captureMessage), after beforeSend. */
export function events() {
  return payloads("event");
}

/** Transactions: each root span with its finished child spans in "spans". */
export function transactions() {
  return payloads("transaction");
}

/** Cron check-ins (captureCheckIn, withMonitor). */
export function checkIns() {
  return payloads("check_in");
}

/** User feedback (captureFeedback); the feedback itself is in contexts.feedback. */
export function feedbacks() {
  return payloads("feedback");
}

/** The options Sentry.init was last called with (undefined before init). */
export function initOptions() {
  return _academy.options();
}

/** Forgets what was sent so far and the breadcrumbs recorded (the SDK stays initialised, scopes keep user, tags and contexts). */
export function reset() {
  _academy.reset();
}
`;
