import { MemoryTokenStore } from "../src/index.js";
import { describePatBehaviour } from "./support/behaviour/index.js";

describePatBehaviour("MemoryTokenStore", {
  newStore: async () => new MemoryTokenStore(),
});
