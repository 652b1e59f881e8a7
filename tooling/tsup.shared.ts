/**
 * Shared build of every published @pat package: ESM (`.js` + `.d.ts`) and CommonJS
 * (`.cjs` + `.d.cts`) from the same entries, so the `exports` map can nest types per condition.
 *
 * `bundleIntoCjs` lists ESM-only dependencies (such as `@noble/hashes` 2.x) that the CommonJS
 * build inlines, so `require()` works on every supported Node, including those without
 * `require(esm)`.
 */
import type { Options } from "tsup";

export interface PatBuildOptions {
  entry: Record<string, string>;
  bundleIntoCjs?: string[];
  platform?: "node" | "neutral";
}

export function patTsupConfig(options: PatBuildOptions): Options[] {
  const common: Options = {
    entry: options.entry,
    target: "node20",
    platform: options.platform ?? "node",
    sourcemap: true,
    dts: true,
    splitting: false,
    treeshake: true,
    outDir: "dist",
  };
  return [
    { ...common, format: ["esm"], clean: true },
    {
      ...common,
      format: ["cjs"],
      clean: false,
      ...(options.bundleIntoCjs ? { noExternal: options.bundleIntoCjs } : {}),
    },
  ];
}
