import { describe, expect, it } from "vitest";
import { documentBytes, documentResponse } from "./document-response.server.ts";

const page = () => documentResponse(Buffer.from("<!DOCTYPE html><p>Héllo</p>"), { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } });

describe("documentResponse", () => {
  it("hands the server its bytes while nothing has read the body", () => {
    const response = page();
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(documentBytes(response)?.toString()).toBe("<!DOCTYPE html><p>Héllo</p>");
    expect(documentBytes(new Response("other"))).toBeUndefined();
  });

  it("reads like any response for everyone else, and then is no longer sent from its bytes", async () => {
    const response = page();
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe("<!DOCTYPE html><p>Héllo</p>");
    expect(response.bodyUsed).toBe(true);
    expect(documentBytes(response)).toBeUndefined();
    await expect(response.text()).rejects.toThrow();
  });

  it("streams its body and clones with the same status, headers and bytes", async () => {
    const response = page();
    const copy = response.clone();
    expect(copy.status).toBe(404);
    expect(new TextDecoder().decode(await new Response(response.body).arrayBuffer())).toBe("<!DOCTYPE html><p>Héllo</p>");
    expect(await copy.arrayBuffer().then((b) => Buffer.from(b).toString())).toBe("<!DOCTYPE html><p>Héllo</p>");
  });
});
