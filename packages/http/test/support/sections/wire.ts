/**
 * Wire compatibility: every fixture of `../../fixtures/wire.json` (requests as the reference
 * client and README send them) is sent with values made for it, and the whole answer compared
 * with the fixture's: status, the headers it lists, and every member of the body.
 */
import { describe, expect, it } from "vitest";
import { buildSignerVerifier } from "../../../src/index.js";
import type { Suite } from "../behaviour.js";
import { WIRE, differences, substitute, wireRequest, type WireVars } from "../wire.js";

/** An expiry far ahead, as the fixtures write it. */
const FAR = 4102444800;

export function wireSection(s: Suite): void {
  describe("wire compatibility with @access-tokens/express", () => {
    let adminJwt = "";
    let counter = 0;

    /** Fresh values for one fixture: its own owner, role and tokens. */
    async function prepare(): Promise<WireVars> {
      const f = s.fixture();
      if (adminJwt === "") {
        const { token } = await s.issue({ owner: s.owner("wire-admin"), isAdmin: true });
        adminJwt = await s.jwtFor(token);
      }
      const owner = s.owner("wire");
      const role = `wire-role-${Date.now().toString(36)}-${(counter += 1)}`;
      const { token, tokenId } = await s.issue({ owner, roles: [role], expiresAt: FAR });
      // The exchange verifies the token, so its record has a lastUsedAt.
      const userJwt = await s.jwtFor(token);
      const revoked = await s.issue({ owner });
      await f.pat.revoke(revoked.tokenId);
      const fresh = await f.pat.generate();
      s.remember(fresh.token);
      const past = await buildSignerVerifier({
        keySet: f.keySet,
        issuer: f.issuer,
        clock: () => Date.now() - 3_600_000,
      });
      const expiredJwt = await past.sign({ sub: tokenId, owner, admin: false, roles: [role] });
      return {
        owner,
        role,
        token,
        tokenId,
        basic: Buffer.from(`:${token}`).toString("base64"),
        userJwt,
        adminJwt,
        revokedToken: revoked.token,
        revokedId: revoked.tokenId,
        freshId: fresh.tokenId,
        secretPhc: fresh.secretPhc,
        expiredJwt,
      };
    }

    for (const [name, exchange] of Object.entries(WIRE)) {
      it(name, async () => {
        const vars = await prepare();
        const { method, path, headers, json, form } = wireRequest(exchange, vars);
        const answer = await s.call(method, path, {
          ...(headers === undefined ? {} : { headers }),
          ...(json === undefined ? {} : { json }),
          ...(form === undefined ? {} : { form }),
        });
        expect(answer.status).toBe(exchange.response.status);
        const wanted = substitute(exchange.response.headers ?? {}, vars) as Record<string, string>;
        for (const [header, value] of Object.entries(wanted)) {
          expect(answer.headers.get(header), header).toBe(value);
        }
        const body: unknown = answer.text === "" ? null : JSON.parse(answer.text);
        expect(differences(substitute(exchange.response.body, vars), body)).toEqual([]);
      });
    }
  });
}
