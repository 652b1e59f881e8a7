import { MemoryTokenStore } from "@pat/store";
import { describeTokenStoreConformance } from "@pat/store/testing";
import { describe, expect, it } from "vitest";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";

describeTokenStoreConformance("MemoryTokenStore", async () => {
  const items = new Map<string, Record<string, unknown>>();
  return {
    store: new MemoryTokenStore({ items }),
    peek: async (id) => structuredClone(items.get(id) ?? null),
    putRaw: async (item) => void items.set(String(item.tokenId), structuredClone(item)),
  };
});

const PHC = placeholderPhc(4);
const ID = "setroles0000000000001";

function storeWithSetRoles(): {
  store: MemoryTokenStore;
  items: Map<string, Record<string, unknown>>;
} {
  // Items put into the map directly may hold roles as a Set, as lib-dynamodb reads a String Set.
  const items = new Map<string, Record<string, unknown>>([
    [
      ID,
      {
        tokenId: ID,
        secretPhc: PHC,
        owner: "alice",
        isAdmin: false,
        roles: new Set(["reader", "writer"]),
        createdAt: 1_700_000_000,
      },
    ],
  ]);
  return { store: new MemoryTokenStore({ items }), items };
}

describe("MemoryTokenStore over an injected items map", () => {
  it("keeps Set-held roles on a role add", async () => {
    const { store } = storeWithSetRoles();
    const updated = await store.update(ID, { roles: { add: ["admin"] } });
    expect([...(updated?.roles ?? [])].sort()).toEqual(["admin", "reader", "writer"]);
    expect([...((await store.get(ID))?.roles ?? [])].sort()).toEqual(["admin", "reader", "writer"]);
  });

  it("keeps the other Set-held roles on a role remove", async () => {
    const { store } = storeWithSetRoles();
    const updated = await store.update(ID, { roles: { remove: ["writer"] } });
    expect(updated?.roles).toEqual(["reader"]);
    expect((await store.get(ID))?.roles).toEqual(["reader"]);
  });

  it("freezes the items it writes and hands out fresh, mutable copies", async () => {
    const items = new Map<string, Record<string, unknown>>();
    const store = new MemoryTokenStore({ items });
    const id = "frozen000000000000001";
    await store.create({
      tokenId: id,
      secretPhc: PHC,
      owner: "alice",
      isAdmin: false,
      roles: ["reader"],
      createdAt: 1_700_000_000,
    });
    expect(Object.isFrozen(items.get(id))).toBe(true);
    expect(Object.isFrozen(items.get(id)?.roles)).toBe(true);
    const first = await store.get(id);
    const second = await store.get(id);
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(first?.roles).not.toBe(second?.roles);
    (first?.roles as string[]).push("admin");
    (first as { owner: string }).owner = "mallory";
    expect(await store.get(id)).toEqual(second);
    const touched = await store.touch(id, 1_700_000_100);
    expect(touched).toBe("touched");
    expect((await store.get(id))?.lastUsedAt).toBe(1_700_000_100);
    expect(Object.isFrozen(items.get(id))).toBe(true);
  });

  it("validates an item replaced from outside on every read", async () => {
    const { store, items } = storeWithSetRoles();
    expect((await store.get(ID))?.owner).toBe("alice");
    items.set(ID, { ...items.get(ID), owner: "" });
    await expect(store.get(ID)).rejects.toMatchObject({ code: "INVALID_RECORD" });
    expect(await store.isEmpty()).toBe(true);
  });
});

/** A map that counts how often every key is walked (what a sort of all keys per page needs). */
class CountingMap extends Map<string, Record<string, unknown>> {
  walks = 0;
  override keys(): MapIterator<string> {
    this.walks++;
    return super.keys();
  }
}

function record(i: number) {
  return {
    tokenId: `order${String(i).padStart(16, "0")}`,
    secretPhc: PHC,
    owner: `owner${i % 7}`,
    isAdmin: false,
    createdAt: 1_700_000_000,
  };
}

async function ids(iterable: AsyncIterable<{ tokenId: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const { tokenId } of iterable) out.push(tokenId);
  return out;
}

describe("MemoryTokenStore listing order index", () => {
  it("pages through 2,000 tokens without walking every key per page", async () => {
    const items = new CountingMap();
    const store = new MemoryTokenStore({ items });
    // Created out of order: the index must sort them.
    for (let i = 1999; i >= 0; i--) await store.create(record(i));
    const listed = await ids(store.scan({ pageSize: 10 }));
    expect(listed).toEqual(Array.from({ length: 2000 }, (_, i) => record(i).tokenId));
    // A sort of every key per page walks them 200 times; the index walks them at most once.
    expect(items.walks).toBeLessThanOrEqual(1);
    const resumed = await ids(store.scan({ pageSize: 7, afterTokenId: record(1990).tokenId }));
    expect(resumed).toEqual(Array.from({ length: 9 }, (_, i) => record(1991 + i).tokenId));
  });

  it("sees tokens created between pages, and keys added or removed from outside", async () => {
    const items = new Map<string, Record<string, unknown>>();
    const store = new MemoryTokenStore({ items });
    for (const i of [10, 30, 50]) await store.create(record(i));
    const scan = store.scan({ pageSize: 1 })[Symbol.asyncIterator]();
    expect((await scan.next()).value?.tokenId).toBe(record(10).tokenId);
    await store.create(record(20));
    items.set(record(40).tokenId, record(40));
    items.delete(record(30).tokenId);
    const rest: string[] = [];
    for (let next = await scan.next(); !next.done; next = await scan.next()) {
      rest.push(next.value.tokenId);
    }
    expect(rest).toEqual([record(20), record(40), record(50)].map((r) => r.tokenId));
    // A key swapped for another from outside (same size) is found when the stale key is reached.
    items.delete(record(20).tokenId);
    items.set(record(25).tokenId, record(25));
    expect(await ids(store.scan({ pageSize: 2 }))).toEqual(
      [10, 25, 40, 50].map((i) => record(i).tokenId),
    );
  });
});
