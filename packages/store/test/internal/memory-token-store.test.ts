import { MemoryTokenStore } from "@pat/store";
import { describe, expect, it } from "vitest";

const PHC = "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
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
});
