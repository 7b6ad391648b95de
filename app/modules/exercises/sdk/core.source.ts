/**
 * The JavaScript source of `@sentry/core` inside the exercise sandbox (decision 040): one client, its
 * scopes, spans and the in-memory transport that `sentry-testkit` reads. `@sentry/node` and
 * `@sentry/browser` are thin modules over it (same state, their own SDK name and platform).
 *
 * It runs in QuickJS as a plain ES2020 module: no Node APIs, no timers, no network. The envelopes it
 * "sends" are the text `@sentry/core` would POST (a header line, then an item header and a payload per
 * item, newline-delimited JSON), kept in memory.
 *
 * Written as a String.raw template: the code below must not contain a backtick or a dollar-brace.
 */
export const coreSource = String.raw`
export const SDK_VERSION = "8.55.0";

const DEFAULT_MAX_BREADCRUMBS = 100;
const NORMALIZE_DEPTH = 3;

const state = {
  client: null,
  sdk: { name: "sentry.javascript.node", platform: "node", packageName: "@sentry/node" },
  envelopes: [],
  pending: [],
  activeSpans: [],
  lastEventId: undefined,
  propagation: null,
};

// ---------- small helpers ----------

function hex(length) {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(Math.random() * 16).toString(16);
  return out;
}
export function uuid4() {
  return hex(32);
}
function now() {
  return Date.now() / 1000;
}
function isPlainObject(value) {
  return value !== null && typeof value === "object" && Object.prototype.toString.call(value) === "[object Object]";
}
function isThenable(value) {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";
}
/** Calls fn(), then done(failed) once it returned, threw or its promise settled; the result (or error) passes through. */
function settle(fn, done) {
  let result;
  try {
    result = fn();
  } catch (error) {
    done(true);
    throw error;
  }
  if (!isThenable(result)) {
    done(false);
    return result;
  }
  return result.then(
    (value) => {
      done(false);
      return value;
    },
    (error) => {
      done(true);
      throw error;
    },
  );
}
function dropUndefinedKeys(obj) {
  const out = {};
  for (const key of Object.keys(obj)) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}
function isEmpty(obj) {
  return !obj || Object.keys(obj).length === 0;
}

/** What the SDK's normalize() does to extra, contexts, user and breadcrumb data before sending. */
export function normalize(value, depth, seen) {
  if (depth === undefined) depth = NORMALIZE_DEPTH;
  if (!seen) seen = [];
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : "[" + String(value) + "]";
  if (value === undefined) return "[undefined]";
  if (typeof value === "function") return "[Function: " + (value.name || "<anonymous>") + "]";
  if (typeof value === "symbol") return "[" + String(value) + "]";
  if (typeof value === "bigint") return "[BigInt: " + String(value) + "]";
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (value instanceof Date) return value.toISOString();
  if (seen.indexOf(value) !== -1) return "[Circular ~]";
  if (depth <= 0) return Array.isArray(value) ? "[Array]" : "[Object]";
  if (typeof value.toJSON === "function") {
    try {
      return normalize(value.toJSON(), depth, seen);
    } catch (e) {
      // fall through
    }
  }
  const nextSeen = seen.concat([value]);
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth - 1, nextSeen));
  const out = {};
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    out[key] = normalize(value[key], depth - 1, nextSeen);
  }
  return out;
}

// ---------- DSN ----------

const DSN_REGEX = /^(?:(\w+):)\/\/(?:(\w+)(?::(\w+)?)?@)([\w.-]+)(?::(\d+))?\/(.+)/;

/** Parses "https://<publicKey>@<host>[:port]/[path/]<projectId>" as @sentry/core's makeDsn does; undefined if invalid. */
export function makeDsn(from) {
  if (typeof from !== "string") return undefined;
  const match = DSN_REGEX.exec(from);
  if (!match) {
    console.error("Invalid Sentry Dsn: " + from);
    return undefined;
  }
  const protocol = match[1];
  const publicKey = match[2];
  const pass = match[3] || "";
  const host = match[4];
  const port = match[5] || "";
  const lastPath = match[6];
  let path = "";
  let projectId = lastPath;
  const split = projectId.split("/");
  if (split.length > 1) {
    path = split.slice(0, -1).join("/");
    projectId = split.pop();
  }
  if (projectId) {
    const projectMatch = projectId.match(/^\d+/);
    if (projectMatch) projectId = projectMatch[0];
  }
  if (protocol !== "http" && protocol !== "https") {
    console.error("Invalid Sentry Dsn: " + from + " (the protocol must be http or https)");
    return undefined;
  }
  if (!/^\d+$/.test(projectId)) {
    console.error("Invalid Sentry Dsn: " + from + " (the project id must be a number)");
    return undefined;
  }
  return { protocol, publicKey, pass, host, port, path, projectId };
}

export function dsnToString(dsn) {
  return dsn.protocol + "://" + dsn.publicKey + "@" + dsn.host + (dsn.port ? ":" + dsn.port : "") + "/" + (dsn.path ? dsn.path + "/" : "") + dsn.projectId;
}

// ---------- stack traces ----------

const FRAME_AT = /^\s*at (?:(.+?) \((.*)\)|(.+))\s*$/;

function splitLocation(location) {
  const match = /^(.*?)(?::(\d+))?(?::(\d+))?$/.exec(location);
  const filename = match[1];
  return {
    filename,
    lineno: match[2] ? Number(match[2]) : undefined,
    colno: match[3] ? Number(match[3]) : undefined,
  };
}

function isInApp(filename) {
  if (!filename) return false;
  if (filename === "native" || filename === "<native>") return false;
  if (filename.indexOf("node_modules") !== -1) return false;
  if (filename.indexOf("@sentry/") === 0 || filename.indexOf("sentry-testkit") === 0) return false;
  if (filename.indexOf("node:") === 0) return false;
  return true;
}

/** Frames from a QuickJS ("    at fn (file:line:col)") or V8 stack, oldest call first, as Sentry wants them. */
export function parseStackFrames(stack) {
  if (typeof stack !== "string") return [];
  const frames = [];
  for (const line of stack.split("\n").slice(0, 50)) {
    const match = FRAME_AT.exec(line);
    if (!match) continue;
    const name = match[1];
    const location = match[2] !== undefined ? match[2] : match[3];
    const loc = splitLocation(location);
    frames.push(
      dropUndefinedKeys({
        filename: loc.filename,
        abs_path: loc.filename,
        function: name && name !== "<anonymous>" ? name : "?",
        lineno: loc.lineno,
        colno: loc.colno,
        in_app: isInApp(loc.filename),
      }),
    );
  }
  return frames.reverse();
}

function exceptionFromError(error) {
  const type = error.name || (error.constructor && error.constructor.name) || "Error";
  const value = { type, value: typeof error.message === "string" ? error.message : String(error.message) };
  const frames = parseStackFrames(error.stack);
  if (frames.length) value.stacktrace = { frames };
  return value;
}

function exceptionFromUnknown(exception) {
  if (exception instanceof Error) return exceptionFromError(exception);
  if (isPlainObject(exception)) {
    const keys = Object.keys(exception).sort();
    return { type: "Error", value: "Object captured as exception with keys: " + (keys.length ? keys.join(", ") : "[object has no keys]") };
  }
  return { type: "Error", value: String(exception) };
}

// ---------- scopes ----------

export class Scope {
  constructor() {
    this._tags = {};
    this._extra = {};
    this._contexts = {};
    this._user = {};
    this._breadcrumbs = [];
    this._level = undefined;
    this._fingerprint = undefined;
    this._transactionName = undefined;
  }
  clone() {
    const scope = new Scope();
    scope._tags = Object.assign({}, this._tags);
    scope._extra = Object.assign({}, this._extra);
    scope._contexts = Object.assign({}, this._contexts);
    scope._user = Object.assign({}, this._user);
    scope._breadcrumbs = this._breadcrumbs.slice();
    scope._level = this._level;
    scope._fingerprint = this._fingerprint ? this._fingerprint.slice() : undefined;
    scope._transactionName = this._transactionName;
    return scope;
  }
  setTag(key, value) {
    this._tags[key] = value;
    return this;
  }
  setTags(tags) {
    Object.assign(this._tags, tags);
    return this;
  }
  setExtra(key, extra) {
    this._extra[key] = extra;
    return this;
  }
  setExtras(extras) {
    Object.assign(this._extra, extras);
    return this;
  }
  setContext(key, context) {
    if (context === null) delete this._contexts[key];
    else this._contexts[key] = context;
    return this;
  }
  setUser(user) {
    this._user = user || {};
    return this;
  }
  getUser() {
    return this._user;
  }
  setLevel(level) {
    this._level = level;
    return this;
  }
  setFingerprint(fingerprint) {
    this._fingerprint = fingerprint;
    return this;
  }
  setTransactionName(name) {
    this._transactionName = name;
    return this;
  }
  addBreadcrumb(breadcrumb, maxBreadcrumbs) {
    const max = typeof maxBreadcrumbs === "number" ? maxBreadcrumbs : DEFAULT_MAX_BREADCRUMBS;
    if (max <= 0) return this;
    this._breadcrumbs.push(Object.assign({ timestamp: now() }, breadcrumb));
    if (this._breadcrumbs.length > max) this._breadcrumbs = this._breadcrumbs.slice(-max);
    return this;
  }
  getLastBreadcrumb() {
    return this._breadcrumbs[this._breadcrumbs.length - 1];
  }
  clearBreadcrumbs() {
    this._breadcrumbs = [];
    return this;
  }
  clear() {
    this._tags = {};
    this._extra = {};
    this._contexts = {};
    this._user = {};
    this._breadcrumbs = [];
    this._level = undefined;
    this._fingerprint = undefined;
    this._transactionName = undefined;
    return this;
  }
  update(context) {
    if (!context) return this;
    if (typeof context === "function") return context(this) || this;
    if (context instanceof Scope) return this.update(context.getScopeData());
    if (context.tags) this.setTags(context.tags);
    if (context.extra) this.setExtras(context.extra);
    if (context.contexts) Object.assign(this._contexts, context.contexts);
    if (context.user) this.setUser(context.user);
    if (context.level) this.setLevel(context.level);
    if (context.fingerprint) this.setFingerprint(context.fingerprint);
    return this;
  }
  getScopeData() {
    return {
      tags: this._tags,
      extra: this._extra,
      contexts: this._contexts,
      user: this._user,
      breadcrumbs: this._breadcrumbs,
      level: this._level,
      fingerprint: this._fingerprint,
      transactionName: this._transactionName,
    };
  }
  captureException(exception, hint) {
    return captureWithScope(this, () => eventFromException(exception, hint), hint);
  }
  captureMessage(message, level, hint) {
    return captureWithScope(this, () => eventFromMessage(message, level), hint);
  }
  captureEvent(event, hint) {
    return captureWithScope(this, () => Object.assign({}, event), hint);
  }
}

const globalScope = new Scope();
let isolationScope = new Scope();
const scopeStack = [new Scope()];

export function getGlobalScope() {
  return globalScope;
}
export function getIsolationScope() {
  return isolationScope;
}
export function getCurrentScope() {
  return scopeStack[scopeStack.length - 1];
}

function popScope(scope) {
  const index = scopeStack.lastIndexOf(scope);
  if (index > 0) scopeStack.splice(index, 1);
}

/** Runs callback with a fork of the current scope; what it sets stays inside (async callbacks too). */
export function withScope(scopeOrCallback, maybeCallback) {
  const callback = typeof scopeOrCallback === "function" ? scopeOrCallback : maybeCallback;
  const scope = scopeOrCallback instanceof Scope ? scopeOrCallback : getCurrentScope().clone();
  scopeStack.push(scope);
  return settle(
    () => callback(scope),
    () => popScope(scope),
  );
}

export function withIsolationScope(callback) {
  const previous = isolationScope;
  const scope = previous.clone();
  isolationScope = scope;
  return settle(
    () => callback(scope),
    () => {
      isolationScope = previous;
    },
  );
}

export function setTag(key, value) {
  getIsolationScope().setTag(key, value);
}
export function setTags(tags) {
  getIsolationScope().setTags(tags);
}
export function setExtra(key, extra) {
  getIsolationScope().setExtra(key, extra);
}
export function setExtras(extras) {
  getIsolationScope().setExtras(extras);
}
export function setContext(name, context) {
  getIsolationScope().setContext(name, context);
}
export function setUser(user) {
  getIsolationScope().setUser(user);
}

export function addBreadcrumb(breadcrumb, hint) {
  const client = state.client;
  const options = client ? client.options : {};
  const maxBreadcrumbs = typeof options.maxBreadcrumbs === "number" ? options.maxBreadcrumbs : DEFAULT_MAX_BREADCRUMBS;
  if (maxBreadcrumbs <= 0) return;
  let merged = Object.assign({ timestamp: now() }, breadcrumb);
  if (typeof options.beforeBreadcrumb === "function") {
    merged = options.beforeBreadcrumb(merged, hint || {});
    if (merged === null || merged === undefined) return;
  }
  getIsolationScope().addBreadcrumb(merged, maxBreadcrumbs);
}

// ---------- the client ----------

/** An integration object as the real SDK has them; only rewriteFrames changes events here. */
function defineIntegration(name, setup) {
  return function (options) {
    return Object.assign({ name, options: options || {} }, setup ? setup(options || {}) : {});
  };
}

function basename(path) {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}
function relativeTo(root, path) {
  const cleanRoot = root.replace(/[\\/]+$/, "");
  if (path.indexOf(cleanRoot + "/") === 0) return path.slice(cleanRoot.length + 1);
  return basename(path);
}

export const rewriteFramesIntegration = defineIntegration("RewriteFrames", (options) => {
  const prefix = options.prefix === undefined ? "app:///" : options.prefix;
  const root = options.root;
  const iteratee =
    options.iteratee ||
    ((frame) => {
      if (!frame.filename) return frame;
      const isAbsolute = /^[a-zA-Z]:\\/.test(frame.filename) || frame.filename.indexOf("/") === 0;
      if (!isAbsolute) return frame;
      const base = root ? relativeTo(root, frame.filename) : basename(frame.filename);
      frame.filename = prefix + base;
      return frame;
    });
  return {
    processEvent(event) {
      const values = event.exception && event.exception.values;
      if (values) {
        for (const value of values) {
          if (value.stacktrace && value.stacktrace.frames) value.stacktrace.frames = value.stacktrace.frames.map((f) => iteratee(Object.assign({}, f)));
        }
      }
      return event;
    },
  };
});

export const inboundFiltersIntegration = defineIntegration("InboundFilters");
export const functionToStringIntegration = defineIntegration("FunctionToString");
export const linkedErrorsIntegration = defineIntegration("LinkedErrors");
export const dedupeIntegration = defineIntegration("Dedupe");
export const extraErrorDataIntegration = defineIntegration("ExtraErrorData");
export const captureConsoleIntegration = defineIntegration("CaptureConsole");
export const httpIntegration = defineIntegration("Http");
export const expressIntegration = defineIntegration("Express");
export const consoleIntegration = defineIntegration("Console");
export const onUncaughtExceptionIntegration = defineIntegration("OnUncaughtException");
export const onUnhandledRejectionIntegration = defineIntegration("OnUnhandledRejection");
export const nodeProfilingIntegration = defineIntegration("ProfilingIntegration");
export const browserTracingIntegration = defineIntegration("BrowserTracing");
export const replayIntegration = defineIntegration("Replay");
export const feedbackIntegration = defineIntegration("Feedback");
export const breadcrumbsIntegration = defineIntegration("Breadcrumbs");
export const globalHandlersIntegration = defineIntegration("GlobalHandlers");
export const httpContextIntegration = defineIntegration("HttpContext");
export const browserProfilingIntegration = defineIntegration("BrowserProfiling");

export function getDefaultIntegrations() {
  return [inboundFiltersIntegration(), functionToStringIntegration(), linkedErrorsIntegration(), dedupeIntegration()];
}

function tracingEnabled(options) {
  return typeof options.tracesSampleRate === "number" || typeof options.tracesSampler === "function" || options.enableTracing === true;
}

export function _setSdk(name, platform, packageName) {
  state.sdk = { name, platform, packageName };
}

export function init(options) {
  const opts = Object.assign({}, options || {});
  const dsn = opts.dsn ? makeDsn(opts.dsn) : undefined;
  let integrations = [];
  if (Array.isArray(opts.integrations)) integrations = opts.integrations;
  else if (typeof opts.integrations === "function") integrations = opts.integrations(getDefaultIntegrations()) || [];
  state.client = {
    options: opts,
    dsn,
    enabled: opts.enabled !== false && Boolean(dsn),
    integrations: integrations.filter((i) => i && typeof i === "object"),
    sdk: state.sdk,
  };
  state.propagation = { traceId: uuid4(), spanId: hex(16) };
  if (opts.initialScope) getCurrentScope().update(opts.initialScope);
  return state.client;
}

export function getClient() {
  return state.client || undefined;
}
export function isInitialized() {
  return Boolean(state.client);
}
export function isEnabled() {
  return Boolean(state.client && state.client.enabled);
}
export function lastEventId() {
  return state.lastEventId;
}

function sdkInfo() {
  return {
    name: state.sdk.name,
    version: SDK_VERSION,
    integrations: state.client ? state.client.integrations.map((i) => i.name) : [],
    packages: [{ name: "npm:" + state.sdk.packageName, version: SDK_VERSION }],
  };
}

function envelopeSdk() {
  return { name: state.sdk.name, version: SDK_VERSION };
}

function dynamicSamplingContext(rootSpan) {
  const client = state.client;
  const options = client.options;
  const dsc = {
    environment: options.environment || "production",
    release: options.release,
    public_key: client.dsn.publicKey,
    trace_id: rootSpan ? rootSpan._traceId : state.propagation.traceId,
  };
  if (rootSpan) {
    dsc.sample_rate = rootSpan._sampleRate === undefined ? undefined : String(rootSpan._sampleRate);
    dsc.transaction = rootSpan._name;
    dsc.sampled = String(Boolean(rootSpan._sampled));
  }
  return dropUndefinedKeys(dsc);
}

function serializeEnvelope(header, items) {
  let text = JSON.stringify(header);
  for (const item of items) text += "\n" + JSON.stringify(item[0]) + "\n" + JSON.stringify(item[1]);
  return text;
}

function send(header, itemType, payload) {
  const envelope = serializeEnvelope(header, [[{ type: itemType }, payload]]);
  state.envelopes.push(envelope);
  return envelope;
}

function applyScopes(event, scope) {
  const layers = [globalScope, isolationScope, scope || getCurrentScope()];
  const tags = {};
  const extra = {};
  const contexts = {};
  let user = {};
  let level;
  let fingerprint;
  let breadcrumbs = [];
  let transactionName;
  for (const layer of layers) {
    const data = layer.getScopeData();
    Object.assign(tags, data.tags);
    Object.assign(extra, data.extra);
    Object.assign(contexts, data.contexts);
    if (!isEmpty(data.user)) user = Object.assign({}, user, data.user);
    if (data.level) level = data.level;
    if (data.fingerprint) fingerprint = data.fingerprint;
    if (data.transactionName) transactionName = data.transactionName;
    breadcrumbs = breadcrumbs.concat(data.breadcrumbs);
  }
  breadcrumbs.sort((a, b) => (a.timestamp || 0) - (b.timestamp || 0));
  event.tags = Object.assign({}, tags, event.tags || {});
  event.extra = Object.assign({}, extra, event.extra || {});
  event.contexts = Object.assign({}, contexts, event.contexts || {});
  event.user = Object.assign({}, user, event.user || {});
  if (level && event.type === undefined) event.level = level;
  if (fingerprint) event.fingerprint = (event.fingerprint || []).concat(fingerprint);
  if (transactionName && event.type === undefined && !event.transaction) event.transaction = transactionName;
  const max = state.client && typeof state.client.options.maxBreadcrumbs === "number" ? state.client.options.maxBreadcrumbs : DEFAULT_MAX_BREADCRUMBS;
  const allCrumbs = (event.breadcrumbs || []).concat(breadcrumbs);
  if (allCrumbs.length && max > 0) event.breadcrumbs = allCrumbs.slice(-max);
  else delete event.breadcrumbs;
  return event;
}

function finishEvent(event) {
  const options = state.client.options;
  for (const key of ["tags", "extra", "user", "contexts"]) if (isEmpty(event[key])) delete event[key];
  if (event.extra) event.extra = normalize(event.extra, NORMALIZE_DEPTH);
  if (event.user) event.user = normalize(event.user, NORMALIZE_DEPTH);
  if (event.contexts) {
    const trace = event.contexts.trace;
    event.contexts = normalize(event.contexts, NORMALIZE_DEPTH);
    if (trace) event.contexts.trace = trace;
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map((b) => (b.data ? Object.assign({}, b, { data: normalize(b.data, NORMALIZE_DEPTH) }) : b));
  if (options.sendDefaultPii && state.sdk.platform === "javascript") {
    event.user = Object.assign({ ip_address: "{{auto}}" }, event.user || {});
  }
  return event;
}

function prepareEvent(event, hint, scope) {
  const options = state.client.options;
  event.event_id = event.event_id || (hint && hint.event_id) || uuid4();
  event.timestamp = event.timestamp || now();
  event.platform = event.platform || state.sdk.platform;
  event.environment = event.environment || options.environment || "production";
  if (options.release !== undefined && event.release === undefined) event.release = options.release;
  if (options.dist !== undefined && event.dist === undefined) event.dist = options.dist;
  if (options.serverName !== undefined && event.server_name === undefined) event.server_name = options.serverName;
  event.sdk = sdkInfo();
  applyScopes(event, scope);
  if (event.type !== "transaction") {
    const span = getActiveSpan();
    const trace = span ? dropUndefinedKeys({ trace_id: span._traceId, span_id: span._spanId, parent_span_id: span._parentSpanId }) : { trace_id: state.propagation.traceId, span_id: state.propagation.spanId };
    event.contexts = Object.assign({ trace }, event.contexts || {});
  }
  return finishEvent(event);
}

function runIntegrations(event, hint) {
  let current = event;
  for (const integration of state.client.integrations) {
    if (current === null) return null;
    if (typeof integration.processEvent === "function") current = integration.processEvent(current, hint, state.client);
  }
  return current;
}

function sendEvent(event, rootSpan) {
  const header = dropUndefinedKeys({
    event_id: event.event_id,
    sent_at: new Date().toISOString(),
    sdk: envelopeSdk(),
    trace: dynamicSamplingContext(rootSpan),
  });
  send(header, event.type === "transaction" ? "transaction" : event.type === "feedback" ? "feedback" : "event", event);
}

function validRate(rate) {
  return typeof rate === "number" && rate >= 0 && rate <= 1 && !Number.isNaN(rate);
}

/** The client's pipeline: sample, prepare (scopes, trace), integrations, beforeSend, send. */
function processEvent(event, hint, scope, rootSpan) {
  const client = state.client;
  const eventId = event.event_id || uuid4();
  event.event_id = eventId;
  if (!client || !client.enabled) return eventId;
  const options = client.options;
  const isError = event.type === undefined;
  const isTransaction = event.type === "transaction";
  if (isError && options.sampleRate !== undefined) {
    if (!validRate(options.sampleRate)) {
      console.warn("Sentry: sampleRate must be a number between 0 and 1; the event was dropped.");
      return eventId;
    }
    if (Math.random() >= options.sampleRate) return eventId;
  }
  const before = isError ? options.beforeSend : isTransaction ? options.beforeSendTransaction : undefined;
  const beforeName = isTransaction ? "beforeSendTransaction" : "beforeSend";
  // As in @sentry/core, an error in the pipeline drops the event and says why; it never reaches the caller.
  const dropped = (error, where) => {
    console.warn("Sentry: the event was dropped: " + (where || beforeName) + " threw " + (error && error.name ? error.name + ": " + error.message : String(error)));
    return eventId;
  };
  let prepared;
  try {
    prepared = runIntegrations(prepareEvent(event, hint, scope), hint || {});
  } catch (error) {
    return dropped(error, "an integration");
  }
  if (prepared === null) return eventId;
  const finish = (result) => {
    if (result === null || result === undefined) return;
    if (typeof result !== "object") {
      console.warn("Sentry: " + beforeName + " must return an event or null.");
      return;
    }
    sendEvent(result, rootSpan);
  };
  if (typeof before !== "function") {
    finish(prepared);
    return eventId;
  }
  let result;
  try {
    result = before(prepared, Object.assign({ event_id: eventId }, hint || {}));
  } catch (error) {
    return dropped(error);
  }
  if (isThenable(result)) {
    state.pending.push(Promise.resolve(result).then(finish, (error) => dropped(error)));
  } else {
    finish(result);
  }
  return eventId;
}

function eventFromException(exception, hint) {
  const values = [];
  let current = exception;
  let depth = 0;
  while (depth < 5 && current !== undefined && current !== null) {
    values.unshift(exceptionFromUnknown(current));
    current = current instanceof Error ? current.cause : undefined;
    depth++;
  }
  const mechanism = (hint && hint.mechanism) || { type: "generic", handled: true };
  values[values.length - 1].mechanism = mechanism;
  return { exception: { values }, level: "error" };
}

function eventFromMessage(message, level) {
  return { message: String(message), level: level || "info" };
}

function captureWithScope(scope, makeEvent, hint) {
  const event = makeEvent();
  const eventId = (hint && hint.event_id) || uuid4();
  event.event_id = eventId;
  if (state.client && state.client.enabled) state.lastEventId = eventId;
  return processEvent(event, hint, scope);
}

function scopeFromContext(context) {
  if (!context) return getCurrentScope();
  const scope = getCurrentScope().clone();
  return scope.update(context);
}

function splitCaptureContext(hintOrContext) {
  if (!hintOrContext) return { hint: {}, scope: getCurrentScope() };
  if (typeof hintOrContext === "function" || hintOrContext instanceof Scope) return { hint: {}, scope: scopeFromContext(hintOrContext) };
  const contextKeys = ["user", "level", "extra", "contexts", "tags", "fingerprint"];
  if (Object.keys(hintOrContext).some((k) => contextKeys.indexOf(k) !== -1)) return { hint: {}, scope: scopeFromContext(hintOrContext) };
  return { hint: hintOrContext, scope: getCurrentScope() };
}

export function captureException(exception, hintOrContext) {
  const split = splitCaptureContext(hintOrContext);
  const hint = Object.assign({ originalException: exception }, split.hint);
  return split.scope.captureException(exception, hint);
}

export function captureMessage(message, levelOrContext) {
  const level = typeof levelOrContext === "string" ? levelOrContext : undefined;
  const context = typeof levelOrContext === "string" ? undefined : levelOrContext;
  const scope = context ? scopeFromContext(context) : getCurrentScope();
  const hint = { originalException: message };
  return captureWithScope(scope, () => eventFromMessage(message, level || (context && context.level)), hint);
}

export function captureEvent(event, hint) {
  return getCurrentScope().captureEvent(event, hint);
}

/** Waits for events whose beforeSend returned a promise; everything else is already "sent". */
export function flush() {
  const pending = state.pending.splice(0);
  return Promise.all(pending).then(() => true);
}

export function close() {
  return flush().then(() => {
    if (state.client) state.client.enabled = false;
    return true;
  });
}

// ---------- spans and transactions ----------

const STATUS_MESSAGE = { 0: undefined, 1: "ok", 2: "internal_error" };

export class SentrySpan {
  constructor(options) {
    this._name = options.name || "<unknown>";
    this._op = options.op;
    this._attributes = Object.assign({}, options.attributes || {});
    this._parent = options.parent || null;
    this._traceId = options.parent ? options.parent._traceId : options.traceId || uuid4();
    this._spanId = hex(16);
    this._parentSpanId = options.parent ? options.parent._spanId : options.parentSpanId;
    this._sampled = options.sampled;
    this._sampleRate = options.sampleRate;
    this._startTime = typeof options.startTime === "number" ? (options.startTime > 1e11 ? options.startTime / 1000 : options.startTime) : now();
    this._endTime = undefined;
    this._status = undefined;
    this._children = [];
    this._root = options.parent ? options.parent._root : this;
    if (options.parent) options.parent._children.push(this);
  }
  spanContext() {
    return { traceId: this._traceId, spanId: this._spanId, traceFlags: this._sampled ? 1 : 0 };
  }
  setAttribute(key, value) {
    if (value === undefined) delete this._attributes[key];
    else this._attributes[key] = value;
    return this;
  }
  setAttributes(attributes) {
    for (const key of Object.keys(attributes)) this.setAttribute(key, attributes[key]);
    return this;
  }
  setStatus(status) {
    this._status = status;
    return this;
  }
  updateName(name) {
    this._name = name;
    return this;
  }
  isRecording() {
    return Boolean(this._sampled) && this._endTime === undefined;
  }
  addEvent() {
    return this;
  }
  addLink() {
    return this;
  }
  recordException() {}
  end(endTime) {
    if (this._endTime !== undefined) return;
    this._endTime = typeof endTime === "number" ? (endTime > 1e11 ? endTime / 1000 : endTime) : now();
    removeActive(this);
    if (this._root === this && this._sampled) sendTransaction(this);
  }
  _statusMessage() {
    if (!this._status) return undefined;
    if (this._status.code === 2) return this._status.message || "internal_error";
    return STATUS_MESSAGE[this._status.code];
  }
  _data() {
    const data = Object.assign({ "sentry.origin": "manual" }, this._op ? { "sentry.op": this._op } : {}, this._attributes);
    if (this._root === this) {
      data["sentry.source"] = "custom";
      if (this._sampleRate !== undefined) data["sentry.sample_rate"] = this._sampleRate;
    }
    return data;
  }
  toJSON() {
    return dropUndefinedKeys({
      span_id: this._spanId,
      trace_id: this._traceId,
      parent_span_id: this._parentSpanId,
      description: this._name,
      op: this._op,
      start_timestamp: this._startTime,
      timestamp: this._endTime,
      status: this._statusMessage(),
      data: this._data(),
      origin: "manual",
    });
  }
}

export function spanToJSON(span) {
  return span.toJSON();
}
export function getRootSpan(span) {
  return span._root;
}

function descendants(span) {
  let out = [];
  for (const child of span._children) out = out.concat([child], descendants(child));
  return out;
}

function sendTransaction(root) {
  if (!state.client || !state.client.enabled) return;
  const rootJson = root.toJSON();
  const spans = descendants(root)
    .filter((s) => s._endTime !== undefined)
    .map((s) => s.toJSON());
  const event = {
    type: "transaction",
    transaction: root._name,
    start_timestamp: rootJson.start_timestamp,
    timestamp: rootJson.timestamp,
    contexts: {
      trace: dropUndefinedKeys({
        span_id: rootJson.span_id,
        trace_id: rootJson.trace_id,
        parent_span_id: rootJson.parent_span_id,
        op: rootJson.op,
        status: rootJson.status || "ok",
        origin: "manual",
        data: rootJson.data,
      }),
    },
    spans,
    transaction_info: { source: "custom" },
    measurements: {},
  };
  processEvent(event, {}, getCurrentScope(), root);
}

function removeActive(span) {
  const index = state.activeSpans.lastIndexOf(span);
  if (index !== -1) state.activeSpans.splice(index, 1);
}

/** The span the next span nests under. There is no async context in the sandbox: a span stays active until its callback (or its promise) is done. */
export function getActiveSpan() {
  for (let i = state.activeSpans.length - 1; i >= 0; i--) {
    const span = state.activeSpans[i];
    if (span._endTime === undefined) return span;
  }
  return undefined;
}

function sampleRoot(name, attributes, parentSampled) {
  const client = state.client;
  if (!client || !client.enabled || !tracingEnabled(client.options)) return { sampled: false };
  const options = client.options;
  let rate;
  if (typeof options.tracesSampler === "function") {
    const context = {
      name,
      attributes: attributes || {},
      parentSampled,
      transactionContext: { name, parentSampled },
      inheritOrSampleWith: (fallback) => (parentSampled === undefined ? fallback : parentSampled),
    };
    rate = options.tracesSampler(context);
  } else if (parentSampled !== undefined) {
    rate = parentSampled;
  } else {
    rate = options.tracesSampleRate !== undefined ? options.tracesSampleRate : options.enableTracing ? 1 : 0;
  }
  if (typeof rate === "boolean") rate = Number(rate);
  if (!validRate(rate)) {
    console.warn("Sentry: the traces sample rate must be a number between 0 and 1 (or a boolean); got " + JSON.stringify(rate) + ".");
    return { sampled: false };
  }
  if (rate === 0) return { sampled: false, sampleRate: 0 };
  return { sampled: Math.random() < rate, sampleRate: rate };
}

function createSpan(options) {
  const opts = options || {};
  const parent = opts.parentSpan !== undefined ? opts.parentSpan : opts.forceTransaction ? null : getActiveSpan();
  if (parent) {
    return new SentrySpan({ name: opts.name, op: opts.op, attributes: opts.attributes, parent, sampled: parent._sampled, startTime: opts.startTime });
  }
  const decision = sampleRoot(opts.name, opts.attributes, undefined);
  return new SentrySpan({
    name: opts.name,
    op: opts.op,
    attributes: opts.attributes,
    sampled: decision.sampled,
    sampleRate: decision.sampleRate,
    traceId: state.propagation ? state.propagation.traceId : undefined,
    startTime: opts.startTime,
  });
}

function markError(span) {
  if (!span._status || span._status.code === 0) span.setStatus({ code: 2, message: "internal_error" });
}

function runInSpan(span, callback, autoEnd, finish) {
  state.activeSpans.push(span);
  return settle(
    () => callback(span, finish),
    (failed) => {
      if (failed) markError(span);
      removeActive(span);
      if (autoEnd) span.end();
    },
  );
}

function skipped(options) {
  return options && options.onlyIfParent && !getActiveSpan();
}

class NonRecordingSpan extends SentrySpan {
  constructor() {
    super({ name: "", sampled: false });
  }
}

/** Runs callback(span) in a new active span that ends when the callback returns (or its promise settles). */
export function startSpan(options, callback) {
  if (skipped(options)) return callback(new NonRecordingSpan());
  const span = createSpan(options);
  return runInSpan(span, callback, true);
}

/** Like startSpan, but the span ends when you call span.end() (or the finish callback). */
export function startSpanManual(options, callback) {
  if (skipped(options)) return callback(new NonRecordingSpan(), () => {});
  const span = createSpan(options);
  return runInSpan(span, callback, false, () => span.end());
}

/** A span that is not made active: end it yourself with span.end(). */
export function startInactiveSpan(options) {
  if (skipped(options)) return new NonRecordingSpan();
  return createSpan(options);
}

export function withActiveSpan(span, callback) {
  if (!span) {
    const saved = state.activeSpans.splice(0);
    try {
      return callback(getCurrentScope());
    } finally {
      state.activeSpans.push(...saved);
    }
  }
  return runInSpan(span, () => callback(getCurrentScope()), false);
}

export function startNewTrace(callback) {
  state.propagation = { traceId: uuid4(), spanId: hex(16) };
  return withActiveSpan(null, callback);
}

export function getTraceData() {
  const span = getActiveSpan();
  const traceId = span ? span._traceId : state.propagation ? state.propagation.traceId : uuid4();
  const spanId = span ? span._spanId : state.propagation ? state.propagation.spanId : hex(16);
  const sampled = span ? (span._sampled ? "-1" : "-0") : "";
  return { "sentry-trace": traceId + "-" + spanId + sampled };
}

export function setMeasurement() {}

// ---------- user feedback ----------

/** Sends user feedback (a "feedback" envelope item, as @sentry/core's captureFeedback does). */
export function captureFeedback(params, hint, scope) {
  const feedback = params || {};
  const eventId = (hint && hint.event_id) || uuid4();
  const client = state.client;
  if (!client || !client.enabled) return eventId;
  if (typeof feedback.message !== "string" || feedback.message.trim() === "") {
    console.warn("Sentry: captureFeedback needs a message.");
    return eventId;
  }
  const event = {
    type: "feedback",
    event_id: eventId,
    contexts: {
      feedback: dropUndefinedKeys({
        contact_email: feedback.email,
        name: feedback.name,
        message: feedback.message,
        url: feedback.url,
        source: feedback.source || "api",
        associated_event_id: feedback.associatedEventId,
      }),
    },
    level: "info",
    tags: feedback.tags,
  };
  processEvent(event, hint || {}, scope || getCurrentScope());
  return eventId;
}

// ---------- crons ----------

function monitorConfigPayload(config) {
  if (!config) return undefined;
  const out = {};
  if (config.schedule) {
    out.schedule = dropUndefinedKeys({ type: config.schedule.type, value: config.schedule.value, unit: config.schedule.unit });
  }
  if (config.checkinMargin !== undefined) out.checkin_margin = config.checkinMargin;
  if (config.maxRuntime !== undefined) out.max_runtime = config.maxRuntime;
  if (config.timezone !== undefined) out.timezone = config.timezone;
  if (config.failureIssueThreshold !== undefined) out.failure_issue_threshold = config.failureIssueThreshold;
  if (config.recoveryThreshold !== undefined) out.recovery_threshold = config.recoveryThreshold;
  return out;
}

/** Sends a check-in (a "check_in" envelope item); returns its id, which the closing check-in repeats. */
export function captureCheckIn(checkIn, upsertMonitorConfig) {
  const checkInId = (checkIn && checkIn.checkInId) || uuid4();
  const client = state.client;
  if (!client || !client.enabled) return checkInId;
  const options = client.options;
  const payload = dropUndefinedKeys({
    check_in_id: checkInId,
    monitor_slug: checkIn.monitorSlug,
    status: checkIn.status,
    release: options.release,
    environment: options.environment || "production",
  });
  if (checkIn.status !== "in_progress" && typeof checkIn.duration === "number") payload.duration = checkIn.duration;
  const config = monitorConfigPayload(upsertMonitorConfig);
  if (config) payload.monitor_config = config;
  const span = getActiveSpan();
  payload.contexts = { trace: { trace_id: span ? span._traceId : state.propagation.traceId } };
  const header = dropUndefinedKeys({ sent_at: new Date().toISOString(), sdk: envelopeSdk(), trace: dynamicSamplingContext(undefined) });
  send(header, "check_in", payload);
  return checkInId;
}

/** Wraps a job: an in_progress check-in, then ok or error (with the duration in seconds) when it ends. */
export function withMonitor(monitorSlug, callback, upsertMonitorConfig) {
  const checkInId = captureCheckIn({ monitorSlug, status: "in_progress" }, upsertMonitorConfig);
  const start = now();
  return settle(callback, (failed) => {
    captureCheckIn({ monitorSlug, status: failed ? "error" : "ok", checkInId, duration: now() - start });
  });
}

// ---------- what sentry-testkit reads ----------

export const _academy = {
  envelopes: () => state.envelopes.slice(),
  reset: () => {
    state.envelopes.length = 0;
    globalScope.clearBreadcrumbs();
    isolationScope.clearBreadcrumbs();
    for (const scope of scopeStack) scope.clearBreadcrumbs();
  },
  pending: () => state.pending.length,
  options: () => (state.client ? Object.assign({}, state.client.options) : undefined),
};
`;
