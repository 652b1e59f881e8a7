import { MemoryTokenStore } from "@pat/store";
import { describeTokenStoreConformance } from "@pat/store/testing";

describeTokenStoreConformance("MemoryTokenStore", async () => {
  const items = new Map<string, Record<string, unknown>>();
  return {
    store: new MemoryTokenStore({ items }),
    peek: async (id) => structuredClone(items.get(id) ?? null),
    putRaw: async (item) => void items.set(String(item.tokenId), structuredClone(item)),
  };
});
