/**
 * The one layout every adapter's test server has, so one behaviour suite drives them all:
 *
 * | prefix        | what                                                                 |
 * | ------------- | -------------------------------------------------------------------- |
 * | `/auth`       | auth router over the main table                                      |
 * | `/admin`      | admin router (JWT or PAT), serves the OpenAPI document               |
 * | `/admin-phc`  | admin router that allows `includeSecretPhc`                          |
 * | `/boot/...`   | auth and admin routers over an empty table with a bootstrap secret   |
 * | `/down/...`   | auth and admin routers and `requireToken` over unreachable storage   |
 * | `/api/...`    | protected routes answering `{ user, record }` (see API_ROUTES)       |
 */
import type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  RequireTokenOptions,
} from "../../../src/index.js";
import type { Fixture } from "../fixture.js";

/** A running test server. */
export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts an adapter's server with the layout above on 127.0.0.1, port 0. */
export type StartServer = (fixture: Fixture) => Promise<TestServer>;

export function authMounts(f: Fixture): Array<[string, AuthRouterOptions]> {
  return [
    ["/auth", { pat: f.pat, signerVerifier: f.signerVerifier, logger: f.logger }],
    ["/boot/auth", { pat: f.bootPat, signerVerifier: f.signerVerifier, logger: f.logger }],
    ["/down/auth", { pat: f.downPat, signerVerifier: f.signerVerifier, logger: f.logger }],
  ];
}

export function adminMounts(f: Fixture): Array<[string, AdminTokensRouterOptions]> {
  const common = { signerVerifier: f.signerVerifier, logger: f.logger };
  return [
    ["/admin", { pat: f.pat, ...common }],
    ["/admin-phc", { pat: f.pat, ...common, allowSecretPhc: true, openapi: false }],
    ["/boot/admin", { pat: f.bootPat, ...common, openapi: false }],
    ["/down/admin", { pat: f.downPat, ...common, openapi: false }],
  ];
}

/** The protected routes: path → how it is guarded. */
export type ApiGuard =
  | { readonly kind: "token"; readonly options: RequireTokenOptions }
  | { readonly kind: "jwt"; readonly then?: "admin" | { role: string } }
  | { readonly kind: "check-only" };

export function apiRoutes(f: Fixture): Array<[string, ApiGuard]> {
  const logger = f.logger;
  return [
    ["/api/token", { kind: "token", options: { pat: f.pat, logger, realm: "tests" } }],
    ["/api/token-writer", { kind: "token", options: { pat: f.pat, role: "writer", logger } }],
    ["/api/token-admin", { kind: "token", options: { pat: f.pat, admin: true, logger } }],
    ["/down/api/token", { kind: "token", options: { pat: f.downPat, logger } }],
    ["/api/jwt", { kind: "jwt" }],
    ["/api/jwt-admin", { kind: "jwt", then: "admin" }],
    ["/api/jwt-editor", { kind: "jwt", then: { role: "editor" } }],
    ["/api/admin-only", { kind: "check-only" }],
  ];
}
