import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerMemberSchema, customerPoc, dispatch } from "~/modules/poc/api.server.ts";
import { memberJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";
import { addMember } from "~/modules/poc/poc.server.ts";

/** POST /api/v1/customer/{token}/team: the customer adds someone to their side of the team. */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await customerPoc(ctx);
  const { name, email, role } = await jsonBody(ctx.request, customerMemberSchema);
  const row = await addMember(pocId, { name, email, role, side: "CUSTOMER" }, actor);
  return json(memberJson(row, "customer"), 201);
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
