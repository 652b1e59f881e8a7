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
