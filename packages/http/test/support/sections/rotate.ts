/**
 * The admin API's rotation route, `POST /admin/tokens/:tokenId/rotate`: the new token in the
 * answer, the old secret's grace (none by default, a period, or until the new token's first use),
 * the 409 codes of states that refuse rotation, one winner of concurrent rotations, and the body
 * checks.
 */
import { describe, expect, it } from "vitest";
import type { Suite } from "../behaviour.js";

export function rotateSection(s: Suite): void {
  let adminJwt = "";
  const admin = async () => {
    if (adminJwt === "") {
      const { token } = await s.issue({ owner: s.owner("rotate-root"), isAdmin: true });
      adminJwt = await s.jwtFor(token);
    }
    return adminJwt;
  };
  const rotate = async (tokenId: string, json?: unknown) => {
    const answer = await s.call("POST", `/admin/tokens/${tokenId}/rotate`, {
      bearer: await admin(),
      ...(json === undefined ? {} : { json }),
    });
    if (typeof answer.json["token"] === "string") s.remember(answer.json["token"]);
    return answer;
  };
  const works = async (token: string) =>
    (await s.call("GET", "/api/token", { bearer: token })).status;

  describe("admin API: rotate", () => {
    it("answers 201 with the new token and its record; the old secret stops at once by default", async () => {
      const owner = s.owner("rotate");
      const old = await s.issue({ owner, roles: ["reader"], expiresAt: 4102444800 });
      const answer = await rotate(old.tokenId);
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.json).sort()).toEqual(["record", "token"]);
      const record = answer.json["record"] as Record<string, unknown>;
      expect(record).toMatchObject({
        owner,
        isAdmin: false,
        roles: ["reader"],
        expiresAt: 4102444800,
        rotatedFrom: old.tokenId,
      });
      expect(record).not.toHaveProperty("secretPhc");
      expect(await works(String(answer.json["token"]))).toBe(200);
      expect(await works(old.token)).toBe(401);
    });

    it("keeps the old secret working during graceSeconds, or until the new token's first use", async () => {
      const graced = await s.issue({ owner: s.owner("rotate-grace") });
      const withGrace = await rotate(graced.tokenId, { graceSeconds: 3600 });
      expect(withGrace.status).toBe(201);
      expect(await works(graced.token)).toBe(200);
      expect(await works(String(withGrace.json["token"]))).toBe(200);
      expect(await works(graced.token)).toBe(200);

      const confirmed = await s.issue({ owner: s.owner("rotate-first-use") });
      const untilUse = await rotate(confirmed.tokenId, { untilFirstUse: true });
      expect(untilUse.status).toBe(201);
      expect(untilUse.json["record"]).toMatchObject({ awaitingFirstUse: true });
      expect(await works(confirmed.token)).toBe(200);
      expect(await works(String(untilUse.json["token"]))).toBe(200);
      expect(await works(confirmed.token)).toBe(401);
    });

    it("answers 409 with the state's code, 404 for an unknown token", async () => {
      const revoked = await s.issue({ owner: s.owner("rotate-revoked") });
      await s.fixture().pat.revoke(revoked.tokenId);
      const expired = await s.issue({ owner: s.owner("rotate-expired"), expiresAt: 1 });
      const pending = await s.issue({ owner: s.owner("rotate-pending") });
      const successor = await rotate(pending.tokenId, { untilFirstUse: true });
      const successorId = (successor.json["record"] as { tokenId: string }).tokenId;
      for (const [tokenId, code] of [
        [revoked.tokenId, "TOKEN_REVOKED"],
        [expired.tokenId, "TOKEN_EXPIRED"],
        [pending.tokenId, "TOKEN_ROTATED"],
        [successorId, "ROTATION_PENDING"],
      ] as const) {
        const answer = await rotate(tokenId, {});
        expect(answer.status, code).toBe(409);
        expect(answer.json).toMatchObject({
          code,
          error: { message: expect.stringContaining(tokenId) },
        });
      }
      const missing = await rotate("X".repeat(21));
      expect(missing.status).toBe(404);
      expect(missing.json).toMatchObject({ code: "TOKEN_NOT_FOUND" });
    });

    it("lets one of concurrent rotations win; the others answer 409 TOKEN_ROTATED", async () => {
      const old = await s.issue({ owner: s.owner("rotate-race") });
      const answers = await Promise.all(
        [1, 2, 3].map(() => rotate(old.tokenId, { graceSeconds: 60 })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      for (const a of answers.filter((a) => a.status === 409)) {
        expect(a.json).toMatchObject({ code: "TOKEN_ROTATED" });
      }
    });

    it("refuses a bad body naming the field, and a non-admin", async () => {
      const old = await s.issue({ owner: s.owner("rotate-bad") });
      for (const [json, field] of [
        [{ graceSeconds: -1 }, "graceSeconds"],
        [{ graceSeconds: 1.5 }, "graceSeconds"],
        [{ graceSeconds: 366 * 86400 + 1 }, "graceSeconds"],
        [{ untilFirstUse: "yes" }, "untilFirstUse"],
      ] as const) {
        const answer = await rotate(old.tokenId, json);
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({ code: "INVALID_BODY" });
        expect((answer.json["errors"] as Array<{ field: string }>)[0]?.field).toBe(field);
      }
      const unknownKey = await rotate(old.tokenId, { grace: 5 });
      expect(unknownKey.status).toBe(400);
      const plain = await s.issue({ owner: s.owner("rotate-plain") });
      const refused = await s.call("POST", `/admin/tokens/${old.tokenId}/rotate`, {
        bearer: plain.token,
        json: {},
      });
      expect(refused.status).toBe(403);
      expect(await works(old.token)).toBe(200);
    });
  });
}
