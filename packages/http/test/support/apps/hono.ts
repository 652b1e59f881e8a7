/** The test layout on Hono 4, served by @hono/node-server on 127.0.0.1. */
import { serve } from "@hono/node-server";
import { Hono, type MiddlewareHandler } from "hono";
import type { AddressInfo } from "node:net";
import {
  createAdminTokensRouter,
  createAuthRouter,
  createJwksHandler,
  createRequireAdmin,
  createRequireJwt,
  createRequireRole,
  requireToken,
  type PatEnv,
} from "../../../src/hono.js";
import { adminMounts, apiRoutes, authMounts, type StartServer } from "./layout.js";

export const startHono: StartServer = async (f) => {
  const app = new Hono<PatEnv>();
  app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier: f.signerVerifier }));
  for (const [path, options] of authMounts(f)) app.route(path, createAuthRouter(options));
  for (const [path, options] of adminMounts(f)) app.route(path, createAdminTokensRouter(options));
  const requireJwt = createRequireJwt({ signerVerifier: f.signerVerifier, realm: "tests" });
  for (const [path, guard] of apiRoutes(f)) {
    const chain: MiddlewareHandler[] =
      guard.kind === "token"
        ? [requireToken(guard.options)]
        : guard.kind === "jwt"
          ? [
              requireJwt,
              ...(guard.then === "admin"
                ? [createRequireAdmin()]
                : guard.then
                  ? [createRequireRole({ role: guard.then.role })]
                  : []),
            ]
          : [createRequireAdmin()];
    app.on("GET", [path], ...chain, (c) =>
      c.json({ user: c.get("user") ?? null, record: c.get("tokenRecord") ?? null }),
    );
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};
