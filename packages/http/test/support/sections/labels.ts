/**
 * The admin tokens API, token labels and listing by state: `name`, `description` and `metadata`
 * on issue, register and update (bounds named per field, `null` removes), and `GET /tokens` with
 * `state` and `expiringBefore`.
 */
import { describe, expect, it } from "vitest";
import type { Suite } from "../behaviour.js";

export function labelsSection(s: Suite): void {
  let adminJwt = "";
  const admin = async () => {
    if (adminJwt === "") {
      const { token } = await s.issue({ owner: s.owner("labels-root"), isAdmin: true });
      adminJwt = await s.jwtFor(token);
    }
    return adminJwt;
  };
  const labels = {
    name: "nightly export",
    description: "Reads the orders table.\nOwned by data.",
    metadata: { ticket: "DATA-42", "team:name": "data" },
  };

  describe("admin API: token labels", () => {
    it("issues and registers with labels, answers them, and updates them (null removes)", async () => {
      const bearer = await admin();
      const owner = s.owner("labels");
      const issued = await s.call("POST", "/admin/tokens", {
        bearer,
        json: { owner, ...labels },
      });
      expect(issued.status).toBe(201);
      s.remember(String(issued.json["token"]));
      expect(issued.json["record"]).toMatchObject(labels);
      const tokenId = (issued.json["record"] as { tokenId: string }).tokenId;

      const { tokenId: otherId, secretPhc } = await s.fixture().pat.generate();
      s.remember(secretPhc);
      const registered = await s.call("PUT", `/admin/tokens/${otherId}`, {
        bearer,
        json: { secretPhc, owner, name: "imported" },
      });
      expect(registered.status).toBe(200);
      expect(registered.json["record"]).toMatchObject({ name: "imported" });

      const patched = await s.call("PATCH", `/admin/tokens/${tokenId}`, {
        bearer,
        json: { name: "renamed", description: null, metadata: { only: "one" } },
      });
      expect(patched.status).toBe(204);
      const read = await s.call("GET", `/admin/tokens/${tokenId}`, { bearer });
      expect(read.json["record"]).toMatchObject({ name: "renamed", metadata: { only: "one" } });
      expect(read.json["record"]).not.toHaveProperty("description");
    });

    it("refuses labels out of bounds with 400 naming the field, and stores nothing", async () => {
      const bearer = await admin();
      const owner = s.owner("labels-bad");
      for (const [json, field] of [
        [{ owner, name: "" }, "name"],
        [{ owner, description: "d".repeat(1001) }, "description"],
        [{ owner, metadata: { "bad key": "v" } }, "metadata.bad key"],
        [{ owner, metadata: { ok: 1 } }, "metadata.ok"],
        [
          {
            owner,
            metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, ""])),
          },
          "metadata",
        ],
      ] as const) {
        const answer = await s.call("POST", "/admin/tokens", { bearer, json });
        expect(answer.status, JSON.stringify(json).slice(0, 80)).toBe(400);
        expect(answer.json["code"]).toBe("INVALID_BODY");
        expect((answer.json["errors"] as Array<{ field: string }>)[0]?.field).toBe(field);
      }
      const control = await s.call("POST", "/admin/tokens", {
        bearer,
        json: { owner, name: "a\u0007b" },
      });
      expect(control.status).toBe(400);
      expect(control.json["code"]).toBe("INVALID_INPUT");
      const listed = await s.call("GET", `/admin/tokens?owner=${encodeURIComponent(owner)}`, {
        bearer,
      });
      expect(listed.json["records"]).toEqual([]);
    });
  });

  describe("admin API: listing by state", () => {
    it("lists by state and expiringBefore, and refuses state with includeRevoked", async () => {
      const bearer = await admin();
      const owner = s.owner("state");
      const now = Math.floor(Date.now() / 1000);
      const soon = await s.issue({ owner, expiresAt: now + 3 * 86_400 });
      const later = await s.issue({ owner, expiresAt: now + 300 * 86_400 });
      const revoked = await s.issue({ owner });
      const expired = await s.issue({ owner, expiresAt: 1 });
      await s.fixture().pat.revoke(revoked.tokenId);
      const q = `owner=${encodeURIComponent(owner)}`;
      const ids = async (query: string) => {
        const answer = await s.call("GET", `/admin/tokens?${q}&${query}`, { bearer });
        expect(answer.status).toBe(200);
        return (answer.json["records"] as Array<{ tokenId: string }>).map((r) => r.tokenId).sort();
      };
      expect(await ids("state=active")).toEqual([soon.tokenId, later.tokenId].sort());
      expect(await ids("state=revoked")).toEqual([revoked.tokenId]);
      expect(await ids("state=expired")).toEqual([expired.tokenId]);
      expect(await ids(`state=active&expiringBefore=${now + 7 * 86_400}`)).toEqual([soon.tokenId]);
      expect(await ids(`expiringBefore=${now + 7 * 86_400}`)).toEqual([soon.tokenId]);
      for (const [query, field] of [
        ["state=gone", "state"],
        ["expiringBefore=soon", "expiringBefore"],
        ["state=active&includeRevoked=true", "state"],
      ] as const) {
        const bad = await s.call("GET", `/admin/tokens?${q}&${query}`, { bearer });
        expect(bad.status).toBe(400);
        expect(bad.json["code"]).toBe("INVALID_QUERY");
        expect((bad.json["errors"] as Array<{ field: string }>)[0]?.field).toBe(field);
      }
    });
  });
}
