import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { restoreItem, revokeItem, type Item } from "../../src/internal/item.js";

type Op = { kind: "revoke"; at: number; cleanupAt?: number } | { kind: "restore" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    { kind: fc.constant("revoke" as const), at: fc.nat(1000), cleanupAt: fc.nat(2000) },
    { requiredKeys: ["kind", "at"] },
  ),
  fc.constant({ kind: "restore" as const }),
);

describe("revokeItem / restoreItem", () => {
  it("never extend an expiry, keep the first revokedAt, and a restore gives the original back", () => {
    fc.assert(
      fc.property(fc.option(fc.nat(2000), { nil: undefined }), fc.array(op), (expiry, ops) => {
        const original: Item = {
          tokenId: "t",
          ...(expiry === undefined ? {} : { expiresAt: expiry }),
        };
        let item = original;
        let firstRevokedAt: number | undefined;
        for (const o of ops) {
          if (o.kind === "revoke") {
            item = revokeItem(item, o.at, o.cleanupAt);
            firstRevokedAt ??= o.at;
            expect(item.revokedAt).toBe(firstRevokedAt);
          } else {
            item = restoreItem(item);
            firstRevokedAt = undefined;
            expect(item).toEqual(original);
          }
          if (expiry !== undefined) expect(item.expiresAt).toBeLessThanOrEqual(expiry);
        }
        expect(restoreItem(item)).toEqual(original);
      }),
    );
  });
});
