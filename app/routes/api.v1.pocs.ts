import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkOwner, createPocSchema, dispatch, listQuerySchema, requireStaff } from "~/modules/poc/api.server.ts";
import { pocListJson, workspaceJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, json, jsonBody, pageInfo, query } from "~/utils/api-request.server.ts";
import { createPoc } from "~/modules/poc/poc.server.ts";
import { listPocs } from "~/modules/poc/poc-queries.server.ts";

/** GET /api/v1/pocs?q&status&owner&page&limit: the staff list, most recently changed first (`owner=me` for your own), a page at a time. */
async function GET({ request }: Ctx) {
  const { user } = await requireStaff(request);
  const { q, status, owner, page, limit } = query(request, listQuerySchema);
  const list = await listPocs({ q, status, owner: owner === "me" ? user.id : owner, page, perPage: limit });
  return json({ pocs: list.pocs.map(pocListJson), page: pageInfo(request, page, limit, list.matching) });
}

/** POST /api/v1/pocs: a new POC filled from the templates; 201 with its workspace. */
async function POST({ request }: Ctx) {
  const { user, actor } = await requireStaff(request);
  const body = await jsonBody(request, createPocSchema);
  if (body.ownerId) await checkOwner(body.ownerId);
  const poc = await createPoc(
    {
      customerName: body.customerName,
      accountDomain: body.accountDomain,
      ownerId: body.ownerId ?? user.id,
      startDate: body.startDate ?? null,
      endDate: body.endDate ?? null,
      goals: body.goals ?? "",
    },
    actor,
  );
  return json(await workspaceJson(poc.id), 201, { Location: `/api/v1/pocs/${poc.id}` });
}

const handlers = { GET, POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
