/**
 * The JavaScript sources of `@sentry/node` and `@sentry/browser` in the exercise sandbox: everything
 * from `@sentry/core` (core.source.ts), with their own SDK name and platform on the events they send.
 * String.raw templates: no backtick or dollar-brace inside.
 */
export const nodeSource = String.raw`
import { init as coreInit, _setSdk } from "@sentry/core";
export * from "@sentry/core";

/** Sentry.init for Node: events say platform "node" and sdk "sentry.javascript.node". */
export function init(options) {
  _setSdk("sentry.javascript.node", "node", "@sentry/node");
  return coreInit(options);
}
`;

export const browserSource = String.raw`
import { init as coreInit, _setSdk, captureFeedback } from "@sentry/core";
export * from "@sentry/core";

/** Sentry.init for the browser: events say platform "javascript" and sdk "sentry.javascript.browser". */
export function init(options) {
  _setSdk("sentry.javascript.browser", "javascript", "@sentry/browser");
  return coreInit(options);
}

/** The feedback widget's API: resolves with the feedback's event id. */
export function sendFeedback(params, hint) {
  return Promise.resolve(captureFeedback(Object.assign({ source: "api" }, params), hint));
}

export function getFeedback() {
  return undefined;
}

export function showReportDialog() {}
`;
