/**
 * Named endpoints: a YAML config file that maps names to admin APIs, so `pat --endpoint-name prod
 * list` needs no URL or token on the line. The format is the one `@access-tokens/cli` reads:
 *
 * ```yaml
 * defaults:            # optional, for every endpoint
 *   adminToken: pat_…  # optional
 *   authPath: /auth    # optional (default /auth)
 *   adminPath: /admin  # optional (default /admin)
 * endpoints:
 *   prod:
 *     url: https://api.example.com
 *     adminToken: pat_…  # optional when defaults or PAT_ADMIN_TOKEN give one
 * ```
 *
 * The file holds admin tokens, so it is refused unless only its owner may read or change it.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { Env } from "./config.js";
import { usageError } from "./exit-codes.js";
import { assertPrivate, readTextFile } from "./files.js";
import { parseYamlFile } from "./yaml-file.js";

/** Names of endpoints: letters, digits, `_`, `-`, `.`. */
const ENDPOINT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** An admin API path such as `/admin` (no query, no fragment). */
const apiPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, "expected a path starting with /, e.g. /admin");

/** Where an admin API lives, without credentials in the URL. */
const apiUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.username === "" &&
      url.password === "" &&
      url.search === "" &&
      url.hash === ""
    );
  } catch {
    return false;
  }
}, "expected an http(s) URL without credentials, query or fragment, e.g. https://api.example.com");

const adminToken = z
  .string()
  .regex(/^[\x21-\x7e]{1,512}$/, "expected a token: printable characters, no spaces");

/** Settings shared by the config file and a sync file's `defaults`. */
export const defaultsSchema = z.strictObject({
  adminToken: adminToken.optional(),
  authPath: apiPath.optional(),
  adminPath: apiPath.optional(),
});

/** One named endpoint. */
export const endpointSchema = z.strictObject({
  url: apiUrl.optional(),
  adminToken: adminToken.optional(),
  authPath: apiPath.optional(),
  adminPath: apiPath.optional(),
});

/** `endpoints:`: names to endpoints. */
export const endpointsSchema = z.record(
  z.string().regex(ENDPOINT_NAME, "endpoint names are 1-64 characters of A-Z a-z 0-9 _ . -"),
  endpointSchema,
);

/** The whole config file. */
const configFileSchema = z.strictObject({
  defaults: defaultsSchema.optional(),
  endpoints: endpointsSchema.optional(),
});

/** Parsed endpoint settings (config file, or a sync file's `defaults` and `endpoints`). */
export interface EndpointsConfig {
  readonly defaults?: z.infer<typeof defaultsSchema> | undefined;
  readonly endpoints?: z.infer<typeof endpointsSchema> | undefined;
}

/** An admin API to talk to, resolved. */
export interface HttpTarget {
  /** The endpoint's name, or undefined for `--url`. */
  readonly name?: string;
  /** Base URL, without a trailing slash. */
  readonly url: string;
  readonly authPath: string;
  readonly adminPath: string;
  /** The admin token the files give, if any; it wins over standard input and the environment. */
  readonly adminToken?: string;
}

/**
 * The config file's path: `--config`, else `PAT_CONFIG`, else `$XDG_CONFIG_HOME/pat/config.yaml`
 * (`~/.config/pat/config.yaml` when `XDG_CONFIG_HOME` is unset).
 */
export function configFilePath(flag: string | undefined, env: Env): string {
  const given = flag ?? env.PAT_CONFIG;
  if (given !== undefined && given.trim() !== "") return given;
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "pat", "config.yaml");
}

/**
 * Reads and checks the config file at `path`.
 *
 * @throws CliError (exit code 2) when it is missing or unreadable, when others may read or change
 *   it (see `assertPrivate`), or when it is not valid (each problem named with its line).
 */
export async function loadEndpointsConfig(path: string): Promise<EndpointsConfig> {
  const file = await readTextFile(path, "config file");
  assertPrivate(file, "config file");
  return parseYamlFile(file.text, path, "config file", configFileSchema);
}

/**
 * Resolves endpoint `name` of `config`: its URL, and paths and token from the endpoint or the
 * defaults.
 *
 * @param source - the file the config came from, named in messages.
 * @throws CliError (exit code 2) when there is no such endpoint or it has no URL.
 */
export function resolveNamedEndpoint(
  name: string,
  config: EndpointsConfig,
  source: string,
): HttpTarget {
  const endpoint = config.endpoints?.[name];
  if (endpoint === undefined) {
    const known = Object.keys(config.endpoints ?? {});
    throw usageError(
      `No endpoint named "${name}" in ${source}` +
        (known.length > 0 ? ` (it has: ${known.join(", ")})` : " (it defines no endpoints)"),
    );
  }
  if (endpoint.url === undefined) throw usageError(`Endpoint "${name}" in ${source} has no url`);
  const adminToken = endpoint.adminToken ?? config.defaults?.adminToken;
  return {
    name,
    url: endpoint.url.replace(/\/+$/, ""),
    authPath: endpoint.authPath ?? config.defaults?.authPath ?? "/auth",
    adminPath: endpoint.adminPath ?? config.defaults?.adminPath ?? "/admin",
    ...(adminToken !== undefined ? { adminToken } : {}),
  };
}

/** Whether `hostname` is this machine (`localhost`, 127.0.0.0/8, ::1). */
function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    hostname === "[::1]"
  );
}

/**
 * Refuses to send an admin token over plain HTTP to another machine, unless `allowHttp`.
 *
 * @throws CliError (exit code 2) for an `http:` URL whose host is not loopback.
 */
export function checkTransport(target: HttpTarget, allowHttp: boolean): void {
  const url = new URL(target.url);
  if (url.protocol === "http:" && !allowHttp && !isLoopback(url.hostname)) {
    throw usageError(
      `Refusing to send the admin token to ${url.origin} over plain HTTP: use https, ` +
        "or pass --allow-http if the network itself is trusted",
    );
  }
}

/**
 * Checks a `--url` value and makes a target of it (paths `/auth` and `/admin`).
 *
 * @throws CliError (exit code 2) when it is not an http(s) URL without credentials, query or
 *   fragment (the value itself is not shown).
 */
export function urlTarget(url: string): HttpTarget {
  const result = apiUrl.safeParse(url);
  if (!result.success)
    throw usageError(`Invalid --url: ${result.error.issues[0]?.message ?? "malformed"}`);
  return { url: result.data.replace(/\/+$/, ""), authPath: "/auth", adminPath: "/admin" };
}

/**
 * Checks an API path given by `flag` (`--auth-path`, `--admin-path`).
 *
 * @throws CliError (exit code 2) when it does not start with `/` or holds a query or fragment.
 */
export function checkApiPath(path: string, flag: string): string {
  const result = apiPath.safeParse(path);
  if (!result.success)
    throw usageError(`Invalid ${flag}: ${result.error.issues[0]?.message ?? "malformed"}`);
  return result.data;
}
