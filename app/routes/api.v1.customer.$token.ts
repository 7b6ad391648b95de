import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerPoc, dispatch } from "~/modules/poc/api.server.ts";
import { customerJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/**
 * GET /api/v1/customer/{token}: the customer's view of their POC through the
 * share link (no sign-in): plan, phases, criteria, team, tech stack with doc
 * links, progress. Never internal notes or the activity log; never cached.
 */
async function GET(ctx: Ctx) {
  const { pocId } = await customerPoc(ctx);
  return json(await customerJson(pocId));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
