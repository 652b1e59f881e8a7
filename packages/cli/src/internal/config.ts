/**
 * Where `pat` finds its store: flags first, then environment variables, then the AWS SDK's own
 * chain (region and credentials from `~/.aws/config`, SSO, instance roles, ...).
 *
 * With `--endpoint` (DynamoDB Local, LocalStack) and no credentials in the environment, `pat`
 * signs with fixed dummy credentials, because DynamoDB Local accepts any and a new user has none;
 * the region then defaults to `us-east-1`. Against AWS (no endpoint) nothing is invented.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DEFAULT_SCRYPT_COST, HASH_ALGORITHMS, type HashAlgorithm } from "@pat/core";
import { quoteArgument, usageError } from "./exit-codes.js";
import type { GlobalValues } from "./flags.js";

/** Environment variables `pat` reads (besides the AWS SDK's own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Resolved configuration of one run. */
export interface CliConfig {
  readonly tableName?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly tokenPrefix?: string;
  /** Set only from `PAT_SCRYPT_COST` (testing); absent means the library default. */
  readonly scryptCost?: number;
  readonly bootstrapPhc?: string;
  /** `--hash-algorithm` / `PAT_HASH_ALGORITHM`; absent means the library default (scrypt). */
  readonly hashAlgorithm?: HashAlgorithm;
  /** True when dummy credentials are used for a local endpoint. */
  readonly localCredentials: boolean;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Resolves the configuration from global flags and the environment.
 *
 * @throws CliError (exit code 2) when `--endpoint` is not an http(s) URL, `--hash-algorithm` is
 *   not one of @pat/core's `HASH_ALGORITHMS`, or `PAT_SCRYPT_COST` is not a power of two from 2
 *   to 8192 or is set without a local (non-AWS) endpoint.
 */
export function resolveCliConfig(values: GlobalValues, env: Env): CliConfig {
  const endpoint = nonEmpty(values.endpoint) ?? nonEmpty(env.DYNAMODB_ENDPOINT);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw usageError(
        // Quoted only when short and plain: a token passed here by mistake must not be echoed.
        `Invalid endpoint ${quoteArgument(endpoint)}: expected an http(s) URL such as http://localhost:8000`,
      );
    }
  }
  const region =
    nonEmpty(values.region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    (endpoint !== undefined ? "us-east-1" : undefined);
  const hasEnvCredentials =
    nonEmpty(env.AWS_ACCESS_KEY_ID) !== undefined || nonEmpty(env.AWS_PROFILE) !== undefined;
  const tableName = nonEmpty(values.table) ?? nonEmpty(env.PAT_TABLE);
  const tokenPrefix = nonEmpty(values.prefix) ?? nonEmpty(env.PAT_PREFIX);
  const scryptCost = parseScryptCost(env.PAT_SCRYPT_COST, endpoint);
  const bootstrapPhc = nonEmpty(env.PAT_BOOTSTRAP_PHC);
  const hashAlgorithm = parseHashAlgorithm(
    nonEmpty(values["hash-algorithm"]) ?? nonEmpty(env.PAT_HASH_ALGORITHM),
  );
  return {
    ...(tableName !== undefined ? { tableName } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(tokenPrefix !== undefined ? { tokenPrefix } : {}),
    ...(scryptCost !== undefined ? { scryptCost } : {}),
    ...(bootstrapPhc !== undefined ? { bootstrapPhc } : {}),
    ...(hashAlgorithm !== undefined ? { hashAlgorithm } : {}),
    localCredentials: endpoint !== undefined && !hasEnvCredentials,
  };
}

/** `--hash-algorithm`: one of @pat/core's `HASH_ALGORITHMS`, else a usage error naming them. */
function parseHashAlgorithm(text: string | undefined): HashAlgorithm | undefined {
  if (text === undefined) return undefined;
  const known = HASH_ALGORITHMS.find((name) => name === text);
  if (known === undefined) {
    throw usageError(
      `Invalid --hash-algorithm ${quoteArgument(text)}: expected ${HASH_ALGORITHMS.join(" or ")}`,
    );
  }
  return known;
}

/**
 * `PAT_SCRYPT_COST`: a power of two below @pat/core's default cost (`DEFAULT_SCRYPT_COST`),
 * honoured only with an endpoint that is not AWS itself (DynamoDB Local, LocalStack), so a
 * variable left over from a test session can never weaken the hashes of tokens issued into a real
 * table.
 */
function parseScryptCost(
  text: string | undefined,
  endpoint: string | undefined,
): number | undefined {
  if (nonEmpty(text) === undefined) return undefined;
  const cost = Number(text);
  if (
    !Number.isInteger(cost) ||
    cost < 2 ||
    cost >= DEFAULT_SCRYPT_COST ||
    (cost & (cost - 1)) !== 0
  ) {
    throw usageError(
      `Invalid PAT_SCRYPT_COST "${text}": expected a power of two from 2 to ${DEFAULT_SCRYPT_COST / 2} (it only lowers the cost, for tests)`,
    );
  }
  if (endpoint === undefined || /(^|\.)amazonaws\.com(\.cn)?$/i.test(new URL(endpoint).hostname)) {
    throw usageError(
      "PAT_SCRYPT_COST is for tests against a local endpoint (--endpoint or DYNAMODB_ENDPOINT, not AWS): unset it",
    );
  }
  return cost;
}

/**
 * The table name, required by every command that touches storage.
 *
 * @throws CliError (exit code 2) when neither `--table` nor `PAT_TABLE` is set.
 */
export function requireTable(config: CliConfig): string {
  if (config.tableName === undefined) {
    throw usageError("No table given: pass --table <name> or set PAT_TABLE");
  }
  return config.tableName;
}

/** Builds the DynamoDB client for `config` (dummy credentials for a local endpoint, see above). */
export function createDynamoDBClient(config: CliConfig): DynamoDBClient {
  return new DynamoDBClient({
    ...(config.region !== undefined ? { region: config.region } : {}),
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    ...(config.localCredentials
      ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
    // Fail in seconds, not minutes, when the endpoint does not answer.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
  });
}
