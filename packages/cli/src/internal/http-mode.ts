/**
 * The HTTP mode of `pat`: instead of DynamoDB, a server's admin API, chosen by `--url` (or
 * `PAT_URL`) or by `--endpoint-name` (or `PAT_ENDPOINT_NAME`) from the config file. The admin
 * token of a named endpoint is the one the config file (or the sync file) gives it, its own or
 * the file's default; standard input (`--admin-token -`) or `PAT_ADMIN_TOKEN` give the token of
 * `--url` and of endpoints the files give none. Never from the command line: arguments end up in
 * shell history and in the process list, where other users can read them. One token from
 * standard input or the environment is sent to one server per run, unless the user asks for more
 * (`--share-admin-token`): a token sent to a server is a token that server can use.
 */
import type { GlobalValues } from "./flags.js";
import type { Env } from "./config.js";
import {
  checkApiPath,
  checkTransport,
  configFilePath,
  loadEndpointsConfig,
  resolveNamedEndpoint,
  urlTarget,
  type EndpointsConfig,
  type HttpTarget,
} from "./endpoints.js";
import { usageError } from "./exit-codes.js";

/** Where a run's tokens live. */
export type Mode =
  | { readonly kind: "dynamodb" }
  | { readonly kind: "http"; readonly url: string }
  | { readonly kind: "http"; readonly endpointNames: readonly string[] };

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The flag (of `pat sync`, the one command that may name several endpoints) to opt in. */
const SHARE_FLAG = "share-admin-token";

/** Flags that only mean something to the direct DynamoDB mode. */
const DIRECT_FLAGS = ["table", "endpoint", "region"] as const;

const ADMIN_TOKEN_ON_ARGV =
  "--admin-token takes only - (read the token from standard input): a token on the command line " +
  "lands in shell history and the process list. Use --admin-token -, PAT_ADMIN_TOKEN or the config file";

/**
 * The mode of a run, from its flags and environment.
 *
 * @throws CliError (exit code 2) for `--url` with `--endpoint-name`, DynamoDB flags (`--table`,
 *   `--endpoint`, `--region`) in HTTP mode, or `--admin-token` with a value other than `-` (in
 *   any mode; the value is never shown).
 */
export function resolveMode(values: GlobalValues, env: Env): Mode {
  const flags = values as Record<string, unknown>;
  // Refused in every mode: even where it would be ignored, a token typed here is already exposed.
  if (values["admin-token"] !== undefined && values["admin-token"] !== "-") {
    throw usageError(ADMIN_TOKEN_ON_ARGV);
  }
  if (values.url !== undefined && values["endpoint-name"] !== undefined) {
    throw usageError("Options --url and --endpoint-name cannot be used together");
  }
  const url =
    nonEmpty(values.url) ??
    (values["endpoint-name"] === undefined ? nonEmpty(env.PAT_URL) : undefined);
  const names =
    nonEmpty(values["endpoint-name"]) ??
    (url === undefined ? nonEmpty(env.PAT_ENDPOINT_NAME) : undefined);
  if (url === undefined && names === undefined) return { kind: "dynamodb" };
  const direct = DIRECT_FLAGS.find((name) => flags[name] !== undefined);
  if (direct !== undefined) {
    throw usageError(
      `Option --${direct} is for direct DynamoDB access; over HTTP (--url, --endpoint-name) the server chooses its table`,
    );
  }
  if (url !== undefined) return { kind: "http", url };
  const endpointNames = (names as string)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return { kind: "http", endpointNames };
}

/** A config file's content and where it came from. */
export interface SourcedConfig extends EndpointsConfig {
  readonly source: string;
}

/**
 * Merges endpoint settings, later ones winning field by field (a sync file's `endpoints` and
 * `defaults` over the config file's, as `@access-tokens/cli` does).
 */
export function mergeConfigs(configs: readonly EndpointsConfig[]): EndpointsConfig {
  const defaults = Object.assign({}, ...configs.map((config) => config.defaults ?? {}));
  const endpoints: Record<string, object> = {};
  for (const config of configs) {
    for (const [name, endpoint] of Object.entries(config.endpoints ?? {})) {
      endpoints[name] = { ...endpoints[name], ...endpoint };
    }
  }
  return { defaults, endpoints } as EndpointsConfig;
}

/**
 * The admin APIs a run talks to. With `--url`, one target from the flags; with endpoint names,
 * each resolved from the config file (read only then), merged with `extra` (a sync file's
 * settings) when given.
 *
 * @throws CliError (exit code 2) for a malformed URL or path, an unknown endpoint, a config file
 *   that is missing (when needed), unsafe (readable by others) or invalid, or plain HTTP to
 *   another machine without `--allow-http`.
 */
export async function resolveTargets(
  mode: Mode & { kind: "http" },
  values: GlobalValues,
  env: Env,
  extra?: SourcedConfig,
): Promise<HttpTarget[]> {
  const allowHttp = values["allow-http"] === true;
  const authPath = values["auth-path"];
  const adminPath = values["admin-path"];
  const paths = {
    ...(authPath !== undefined ? { authPath: checkApiPath(authPath, "--auth-path") } : {}),
    ...(adminPath !== undefined ? { adminPath: checkApiPath(adminPath, "--admin-path") } : {}),
  };
  let targets: HttpTarget[];
  if ("url" in mode) {
    targets = [urlTarget(mode.url)];
  } else {
    const path = configFilePath(values.config, env);
    const explicit = values.config !== undefined || nonEmpty(env.PAT_CONFIG) !== undefined;
    const inExtra = (name: string): boolean => extra?.endpoints?.[name] !== undefined;
    // The config file is read when it is named, or when the sync file does not define every
    // endpoint asked for.
    const config =
      explicit || !mode.endpointNames.every(inExtra) ? await loadEndpointsConfig(path) : undefined;
    const merged = mergeConfigs([config ?? {}, extra ?? {}]);
    const source = [config !== undefined ? path : undefined, extra?.source]
      .filter((part) => part !== undefined)
      .join(" and ");
    targets = mode.endpointNames.map((name) => resolveNamedEndpoint(name, merged, source));
  }
  targets = targets.map((target) => ({ ...target, ...paths }));
  for (const target of targets) checkTransport(target, allowHttp);
  checkSharedToken(targets, values, env);
  return targets;
}

/**
 * Refuses a run that would send the one admin token of standard input or `PAT_ADMIN_TOKEN` to
 * more than one origin (scheme, host and port), unless `--share-admin-token`: each endpoint
 * without a token of its own in the files would get it, and every server it reaches can use it
 * against the others.
 *
 * @throws CliError (exit code 2) naming the origins, before anything is sent.
 */
function checkSharedToken(targets: readonly HttpTarget[], values: GlobalValues, env: Env): void {
  const source =
    values["admin-token"] === "-"
      ? "the admin token from standard input"
      : nonEmpty(env.PAT_ADMIN_TOKEN) !== undefined
        ? "PAT_ADMIN_TOKEN"
        : undefined;
  if (source === undefined || (values as Record<string, unknown>)[SHARE_FLAG] === true) return;
  const origins = [
    ...new Set(
      targets.filter((target) => target.adminToken === undefined).map((t) => new URL(t.url).origin),
    ),
  ];
  if (origins.length > 1) {
    throw usageError(
      `Refusing to send ${source} to ${origins.length} different servers (${origins.join(", ")}): ` +
        "give each endpoint its own adminToken in the config file, sync one endpoint at a time, " +
        `or pass --${SHARE_FLAG} if that one token is meant for all of them`,
    );
  }
}

/**
 * The admin token for `target`: the one the files give a named endpoint (its own, else the
 * files' default); else, for `--url` and endpoints without one, standard input when
 * `--admin-token -`, else `PAT_ADMIN_TOKEN`.
 *
 * @param readStdin - reads the first line of standard input (called only for `-`, and only when
 *   a target needs it).
 * @throws CliError (exit code 2) when `--admin-token` has any value but `-` (the value is never
 *   shown), or when no source gives a token.
 */
export async function resolveAdminToken(
  values: GlobalValues,
  env: Env,
  target: HttpTarget,
  readStdin: () => Promise<string>,
): Promise<string> {
  const flag = values["admin-token"];
  if (flag !== undefined && flag !== "-") throw usageError(ADMIN_TOKEN_ON_ARGV);
  if (target.adminToken !== undefined) return target.adminToken;
  if (flag === "-") return readStdin();
  const fromEnv = nonEmpty(env.PAT_ADMIN_TOKEN);
  if (fromEnv !== undefined) return fromEnv;
  throw usageError(
    `No admin token for ${target.name !== undefined ? `endpoint "${target.name}"` : target.url}: ` +
      "set PAT_ADMIN_TOKEN, give adminToken in the config file, or pass --admin-token - and write it on standard input",
  );
}
