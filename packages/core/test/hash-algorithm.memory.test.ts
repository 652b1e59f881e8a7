import { MemoryTokenStore } from "../src/index.js";
import { describeHashAlgorithms } from "./support/hash-algorithms.js";

describeHashAlgorithms("MemoryTokenStore", () => Promise.resolve(new MemoryTokenStore()));
