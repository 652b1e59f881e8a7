/**
 * Express-only behaviour, on real servers on 127.0.0.1 over a memory store: a request's own
 * `req.logger` (as @access-tokens/express reads it) replaces the configured logger; a body an
 * application's parser read before the routers still gets the routers' own size limit and media
 * types; `patErrorHandler` answers only body parsers' failures and passes the rest on.
 */
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryTokenStore, Pat } from "@pat/core";
import {
  createAdminTokensRouter,
  createRequireAdmin,
  patErrorHandler,
  requireToken,
} from "../src/express.js";
import { recordingLogger } from "./support/fixture.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function newPat(): Pat {
  return new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16, blockSize: 1 } });
}

describe("Express: req.logger", () => {
  it("logs to the request's own logger when it has one, else to the configured one", async () => {
    const pat = newPat();
    const configured = recordingLogger();
    const perRequest = recordingLogger();
    const app = express();
    app.use("/scoped", (req, _res, next) => {
      (req as unknown as { logger: unknown }).logger = perRequest;
      next();
    });
    for (const base of ["/scoped", "/plain"]) {
      app.use(`${base}/admin`, createAdminTokensRouter({ pat, logger: configured }));
      app.get(
        `${base}/api`,
        requireToken({ pat, logger: configured }),
        createRequireAdmin({ logger: configured }),
        (_req, res) => void res.end("ok"),
      );
    }
    const url = await listen(app);
    const { token: admin } = await pat.issue({ owner: "root@example.com", isAdmin: true });
    const { token: plain } = await pat.issue({ owner: "plain@example.com" });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const issue = (base: string) =>
      fetch(`${url}${base}/admin/tokens`, {
        method: "POST",
        headers: { ...auth(admin), "content-type": "application/json" },
        body: JSON.stringify({ owner: "new@example.com" }),
      });

    expect((await issue("/scoped")).status).toBe(201);
    expect((await fetch(`${url}/scoped/api`, { headers: auth(plain) })).status).toBe(403);
    expect((await fetch(`${url}/scoped/api`, { headers: auth("pat_nope") })).status).toBe(401);
    const messages = (lines: unknown[]) => lines.map((l) => (l as { message: string }).message);
    expect(messages(perRequest.lines)).toEqual([
      "Issued a token",
      "Refused a non-admin token",
      "Refused a bearer token",
    ]);
    expect(configured.lines).toEqual([]);

    expect((await issue("/plain")).status).toBe(201);
    expect(messages(configured.lines)).toEqual(["Issued a token"]);
    expect(perRequest.lines.length).toBe(3);
  });

  it("ignores a req.logger that is not a logger", async () => {
    const pat = newPat();
    const configured = recordingLogger();
    const app = express();
    app.use((req, _res, next) => {
      (req as unknown as { logger: unknown }).logger = "not a logger";
      next();
    });
    app.get("/api", requireToken({ pat, logger: configured }), (_req, res) => void res.end());
    const url = await listen(app);
    expect((await fetch(`${url}/api`, { headers: { authorization: "Bearer x.y" } })).status).toBe(
      401,
    );
    expect(configured.lines.length).toBe(1);
  });
});

describe("Express: bodies parsed before the routers", () => {
  it("still refuses a body above the router's bodyLimit (413) and a form on the admin API (415)", async () => {
    const pat = newPat();
    const app = express();
    app.use(express.json({ limit: "1mb" }));
    app.use(express.urlencoded({ extended: false }));
    app.use("/admin", createAdminTokensRouter({ pat, bodyLimit: 1000 }));
    app.use(patErrorHandler());
    const url = await listen(app);
    const { token } = await pat.issue({ owner: "root@example.com", isAdmin: true });
    const post = (body: NonNullable<RequestInit["body"]>, type: string, extra: RequestInit = {}) =>
      fetch(`${url}/admin/tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
        ...extra,
      });
    const big = JSON.stringify({ owner: "x".repeat(5000) });
    const sized = await post(big, "application/json");
    expect(sized.status).toBe(413);
    expect(await sized.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const bytes = new TextEncoder().encode(big);
    const streamed = await post(
      new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      "application/json",
      { duplex: "half" } as RequestInit,
    );
    expect(streamed.status).toBe(413);
    const form = await post("owner=x", "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const ok = await post(JSON.stringify({ owner: "ok@example.com" }), "application/json");
    expect(ok.status).toBe(201);
  });
});

describe("patErrorHandler", () => {
  it("answers body parser failures without a stack trace and passes other errors on", async () => {
    const app = express();
    app.use(express.json({ limit: 100 }));
    app.post("/things", (_req, res) => void res.end("ok"));
    app.get("/boom", () => {
      throw new Error("not a parser failure");
    });
    app.use(patErrorHandler());
    const seen: unknown[] = [];
    const last: ErrorRequestHandler = (error, _req, res, _next) => {
      seen.push(error);
      res.status(599).end();
    };
    app.use(last);
    const url = await listen(app);
    const post = (body: string) =>
      fetch(`${url}/things`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const broken = await post('{"a":');
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    const text = await broken.text();
    expect(JSON.parse(text)).toMatchObject({ code: "INVALID_BODY", status: 400 });
    expect(text).not.toMatch(/\n\s+at |node_modules|SyntaxError/);
    const large = await post(JSON.stringify({ a: "x".repeat(500) }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      detail: "Request body is larger than 100 bytes",
    });
    expect((await fetch(`${url}/boom`)).status).toBe(599);
    expect(seen).toEqual([new Error("not a parser failure")]);
  });
});
