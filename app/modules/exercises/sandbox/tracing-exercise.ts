/**
 * A representative exercise (tracing with the Sentry stand-in): the sandbox's tests and
 * the bench grade it as "a typical submission". Not part of the catalogue.
 */
export const tracingExercise = {
  language: "JAVASCRIPT" as const,
  solution: [
    'import * as Sentry from "@sentry/node";',
    "",
    'Sentry.init({ dsn: "https://public@o1.ingest.sentry.io/1", tracesSampleRate: 1.0 });',
    "",
    "export async function checkout(cart) {",
    '  return Sentry.startSpan({ name: "checkout", op: "function" }, async () => {',
    '    const total = await Sentry.startSpan({ name: "price cart", op: "function" }, async () => cart.reduce((sum, item) => sum + item.price, 0));',
    '    await Sentry.startSpan({ name: "charge card", op: "http.client" }, async () => new Promise((resolve) => setTimeout(resolve, 20)));',
    '    console.log("charged", total);',
    "    return total;",
    "  });",
    "}",
  ].join("\n"),
  starter: 'import * as Sentry from "@sentry/node";\n\nexport async function checkout(cart) {\n  return cart.reduce((sum, item) => sum + item.price, 0);\n}\n',
  visibleTests: [
    'import { checkout } from "./solution";',
    'import { transactions, reset } from "sentry-testkit";',
    'test("returns the total", async () => { reset(); expect(await checkout([{ price: 2 }, { price: 3 }])).toBe(5); });',
    'test("sends a checkout transaction", async () => {',
    "  reset();",
    "  await checkout([{ price: 1 }]);",
    "  expect(transactions()).toHaveLength(1);",
    '  expect(transactions()[0].transaction).toBe("checkout");',
    "});",
  ].join("\n"),
  hiddenTests: [
    'import { checkout } from "./solution";',
    'import { transactions, reset } from "sentry-testkit";',
    'test("has two child spans", async () => {',
    "  reset();",
    "  await checkout([{ price: 1 }]);",
    "  const spans = transactions()[0].spans;",
    '  expect(spans.map((s) => s.description)).toEqual(["price cart", "charge card"]);',
    '  expect(spans[1]).toHaveProperty("op", "http.client");',
    "});",
  ].join("\n"),
};
