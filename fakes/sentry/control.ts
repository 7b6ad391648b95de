/**
 * The fake Sentry's control API under /__fake/ (the same as the in-process
 * methods of FakeSentry): adopt features, mint and revoke tokens, set rate
 * limits, inject faults, read the request log, reset.
 */
import type http from "node:http";
import { readBody, sendJson } from "../http.ts";
import { PROJECT_FLAGS, type RateLimitSettings, type ScenarioProject } from "./scenario-types.ts";
import type { Serializers } from "./serializers.ts";
import type { CreateTokenInput, FakeSentryState, FaultSpec, ProjectPatch } from "./state.ts";

export function createControl(state: FakeSentryState, { projectSummary }: Pick<Serializers, "projectSummary">) {
  const { findOrg, findProject, findUser, activeMember, createToken, revokeToken, setRateLimit, injectFault, expireOAuthAccessTokens } = state;

  function adoptFeature(orgRef: string, projectRef: string, patch: ProjectPatch) {
    const org = findOrg(orgRef);
    const project = org && findProject(org, projectRef);
    if (!org || !project) throw new Error(`No project ${orgRef}/${projectRef} in the fake`);
    applyPatch(project, patch);
    const user = findUser(state.scenario.demoUserId);
    return projectSummary({ origin: "", user, member: activeMember(org, user?.id ?? null) }, org, project);
  }

  // ----- control API under /__fake/ ------------------------------------------------

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/\/+$/, "");
    const body = async () => {
      const text = await readBody(req);
      return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    };
    try {
      let m: RegExpExecArray | null;
      if ((m = /^\/__fake\/projects\/([^/]+)\/([^/]+)$/.exec(path)) && method === "POST") {
        return sendJson(res, 200, adoptFeature(decodeURIComponent(m[1]), decodeURIComponent(m[2]), (await body()) as ProjectPatch));
      }
      if (path === "/__fake/tokens" && method === "POST") {
        const input = (await body()) as CreateTokenInput;
        const token = createToken(input);
        const record = state.tokens.get(token)!;
        return sendJson(res, 201, { token, userId: record.userId, scopes: record.scopes, expiresAt: record.expiresAt ? new Date(record.expiresAt).toISOString() : null });
      }
      if ((m = /^\/__fake\/tokens\/([^/]+)$/.exec(path)) && method === "DELETE") {
        return revokeToken(decodeURIComponent(m[1])) ? (res.writeHead(204), res.end()) : sendJson(res, 404, { error: "unknown token" });
      }
      if (path === "/__fake/reset" && method === "POST") {
        state.reset();
        return sendJson(res, 200, { ok: true });
      }
      if (path === "/__fake/calls" && method === "GET") return sendJson(res, 200, state.callLog);
      if (path === "/__fake/calls" && method === "DELETE") {
        state.clearCalls();
        return (res.writeHead(204), res.end());
      }
      if (path === "/__fake/rate-limit" && method === "POST") return sendJson(res, 200, setRateLimit((await body()) as Partial<RateLimitSettings>));
      if (path === "/__fake/faults" && method === "POST") {
        const input = await body();
        for (const fault of Array.isArray(input) ? input : [input]) injectFault(fault as FaultSpec);
        return sendJson(res, 201, { faults: state.faults.length });
      }
      if (path === "/__fake/faults" && method === "DELETE") {
        state.clearFaults();
        return (res.writeHead(204), res.end());
      }
      if (path === "/__fake/oauth/expire-access-tokens" && method === "POST") return sendJson(res, 200, { expired: expireOAuthAccessTokens() });
      if (path === "/__fake/scenario" && method === "GET") return sendJson(res, 200, state.scenario);
      return sendJson(res, 404, { error: `No control endpoint ${method} ${url.pathname}` });
    } catch (error) {
      return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  return { adoptFeature, handleControl };
}

function applyPatch(project: ScenarioProject, patch: ProjectPatch) {
  const flags = new Set<string>([...PROJECT_FLAGS, "isBookmarked"]);
  const lists = new Set(["platforms", "environments", "features"]);
  for (const [key, value] of Object.entries(patch)) {
    if (flags.has(key)) {
      if (typeof value !== "boolean") throw new Error(`${key} must be a boolean`);
    } else if (lists.has(key)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new Error(`${key} must be a list of strings`);
    } else if (key === "firstEvent") {
      if (!(value === null || value === true || (typeof value === "string" && !Number.isNaN(Date.parse(value))))) throw new Error("firstEvent must be an ISO date, true or null");
    } else if (key === "latestRelease" || key === "name") {
      if (!(typeof value === "string" || (key === "latestRelease" && value === null))) throw new Error(`${key} must be a string`);
    } else {
      throw new Error(`Unknown project field ${key}`);
    }
  }
  const { firstEvent, ...rest } = patch;
  Object.assign(project, rest);
  if (firstEvent !== undefined) project.firstEvent = firstEvent === true ? new Date().toISOString() : firstEvent;
}
