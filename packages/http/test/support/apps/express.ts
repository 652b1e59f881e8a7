/**
 * The test layout on Express (5, or 4 through the `express4` alias), on a real server on
 * 127.0.0.1; with `globalParsers`, the way the reference's Quick Start builds its app:
 * `express.json()` and `express.urlencoded()` before every router, and `patErrorHandler()` last.
 */
import express5, { type RequestHandler } from "express";
import type { AddressInfo } from "node:net";
import {
  createAdminTokensRouter,
  createAuthRouter,
  createJwksHandler,
  createRequireAdmin,
  createRequireJwt,
  createRequireRole,
  patErrorHandler,
  requireToken,
} from "../../../src/express.js";
import { adminMounts, apiRoutes, authMounts, type StartServer } from "./layout.js";

/** Starts the layout on the given Express module (`express` 5 by default). */
export const startExpressWith =
  (express: typeof express5, options: { globalParsers?: boolean } = {}): StartServer =>
  async (f) => {
    const app = express();
    if (options.globalParsers === true) {
      app.use(express.json());
      app.use(express.urlencoded({ extended: false }));
    }
    app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier: f.signerVerifier }));
    for (const [path, options] of authMounts(f)) app.use(path, createAuthRouter(options));
    for (const [path, options] of adminMounts(f)) app.use(path, createAdminTokensRouter(options));
    const requireJwt = createRequireJwt({ signerVerifier: f.signerVerifier, realm: "tests" });
    for (const [path, guard] of apiRoutes(f)) {
      const chain: RequestHandler[] =
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
      app.get(path, ...chain, (req, res) => {
        res.json({ user: req.user ?? null, record: req.tokenRecord ?? null });
      });
    }
    if (options.globalParsers === true) app.use(patErrorHandler({ logger: f.logger }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  };

export const startExpress: StartServer = startExpressWith(express5);
