/**
 * The setup of the Gong and AI integration tests: the fake Gong and the fake
 * Claude running with the app pointed at them, and an SE, signed in, with a
 * POC for northwind.example (the fake Gong's customer).
 */
import { createPoc } from "~/modules/poc/poc.server.ts";
import { startFakeAnthropic } from "../../fakes/anthropic/server.ts";
import { startFakeGong } from "../../fakes/gong/server.ts";
import { changeEnv } from "./env.ts";
import { createUser } from "./factories.ts";
import { browserFor } from "./signed-in.ts";

/** Call in `beforeAll`; `close()` in `afterAll`. */
export async function northwindWithFakes(goals: string) {
  const gong = await startFakeGong();
  const claude = await startFakeAnthropic();
  await changeEnv({ ...gong.env, ...claude.env });
  const user = await createUser({ role: "SE", name: "Sam Seller" });
  const browser = await browserFor(user.id);
  const actor = { kind: "staff" as const, userId: user.id, name: user.name };
  const poc = await createPoc({ customerName: "Northwind", accountDomain: "northwind.example", ownerId: user.id, startDate: null, endDate: null, goals }, actor);
  return {
    gong,
    claude,
    browser,
    actor,
    pocId: poc.id,
    close: async () => {
      await gong.close();
      await claude.close();
    },
  };
}
