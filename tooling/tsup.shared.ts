/**
 * Shared build of every published @pat package: ESM (`.js` + `.d.ts`) and CommonJS
 * (`.cjs` + `.d.cts`) from the same entries, so the `exports` map can nest types per condition.
 *
 * `bundleIntoCjs` lists ESM-only dependencies (such as `@noble/hashes` 2.x) that the CommonJS
 * build inlines, so `require()` works on every supported Node, including those without
 * `require(esm)`.
 *
 * Config files import this module by relative path (`../../tooling/tsup.shared`); the package
 * exports no path for it, so there is one way to import it.
 */
import type { Options } from "tsup";

export interface PatBuildOptions {
  entry: Record<string, string>;
  bundleIntoCjs?: string[];
  platform?: "node" | "neutral";
  /** Compile-time constants (esbuild `define`), e.g. `{ __PAT_VERSION__: '"1.0.0"' }`. */
  define?: Record<string, string>;
}

/**
 * tsup's `Options` under a name of this module, so a package's `tsup.config.ts` can export the
 * result without TypeScript having to name tsup through tooling's node_modules (TS2742 under
 * `declaration: true`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PatTsupOptions extends Options {}

export function patTsupConfig(options: PatBuildOptions): PatTsupOptions[] {
  const common: PatTsupOptions = {
    entry: options.entry,
    target: "node20",
    platform: options.platform ?? "node",
    sourcemap: true,
    dts: true,
    splitting: false,
    treeshake: true,
    outDir: "dist",
    ...(options.define ? { define: options.define } : {}),
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
