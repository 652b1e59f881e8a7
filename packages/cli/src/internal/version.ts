/** The version `pat --version` prints, injected by the build from package.json. */
declare const __PAT_VERSION__: string | undefined;

/** The package version, or `0.0.0-dev` when running from source. */
export const VERSION: string = typeof __PAT_VERSION__ === "string" ? __PAT_VERSION__ : "0.0.0-dev";
