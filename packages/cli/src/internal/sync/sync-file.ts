/**
 * The sync file: the desired state of tokens, in the YAML format `@access-tokens/cli sync`
 * reads, so its files work unchanged:
 *
 * ```yaml
 * tokens:
 *   - tokenId: Xk3pQ9mZ2vL8nR4tY6wAb  # 21 characters of A-Z a-z 0-9 (required)
 *     owner: ci@example.com           # required
 *     isAdmin: false                  # default false
 *     roles: [deploy]                 # optional: absent leaves the roles as they are
 *     secretPhc: $scrypt$ln=14,…      # optional: needed to create a missing token
 *     revoked: false                  # default false
 *     expiresAt: 2027-01-31T00:00:00Z # optional: ISO 8601, Unix seconds, or null (no expiry)
 * endpoints: …                        # optional, as in the config file
 * defaults: …                         # optional, as in the config file
 * ```
 *
 * Everything is checked before anything is changed: types, limits (owner 1-100 characters, at
 * most 50 roles of 1-100), a usable scrypt hash, and no token id twice.
 */
import { inspectPhc } from "@pat/crypto";
import {
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
} from "@pat/core";
import { z } from "zod";
import { defaultsSchema, endpointsSchema, type EndpointsConfig } from "../endpoints.js";
import { assertPrivate, readTextFile } from "../files.js";
import { parseIsoTime } from "../time.js";
import { parseYamlFile } from "../yaml-file.js";

const TIME_MESSAGE = "expected an ISO 8601 time (e.g. 2027-01-31T00:00:00Z), Unix seconds, or null";

/** An expiry: ISO 8601 text, Unix seconds, or `null` for none. */
const expirySchema = z.union(
  [
    z.null(),
    z.number().int().nonnegative(),
    z.string().transform((text, context) => {
      const seconds = parseIsoTime(text);
      if (typeof seconds === "number") return seconds;
      context.addIssue({ code: "custom", message: TIME_MESSAGE });
      return z.NEVER;
    }),
  ],
  { error: TIME_MESSAGE },
);

const tokenSchema = z.strictObject({
  tokenId: z
    .string({ error: "expected a token id" })
    .regex(TOKEN_ID_PATTERN, "expected a token id: 21 characters of A-Z, a-z, 0-9"),
  owner: z
    .string({ error: "expected an owner" })
    .min(1, "must not be empty")
    .max(MAX_OWNER_LENGTH, `must be at most ${MAX_OWNER_LENGTH} characters`),
  isAdmin: z.boolean().default(false),
  roles: z
    .array(
      z
        .string()
        .min(1, "a role must not be empty")
        .max(MAX_ROLE_LENGTH, `a role is at most ${MAX_ROLE_LENGTH} characters`),
    )
    .max(MAX_ROLES, `at most ${MAX_ROLES} roles`)
    .optional(),
  secretPhc: z
    .string()
    .max(MAX_SECRET_PHC_LENGTH, `must be at most ${MAX_SECRET_PHC_LENGTH} characters`)
    .superRefine((phc, context) => {
      const inspected = inspectPhc(phc);
      if (!inspected.ok) {
        context.addIssue({
          code: "custom",
          message: `not a usable scrypt hash (${inspected.reason})`,
        });
      }
    })
    .optional(),
  revoked: z.boolean().default(false),
  expiresAt: expirySchema.optional(),
});

/** One token as the sync file wants it. */
export type TokenDefinition = z.infer<typeof tokenSchema>;

const syncFileSchema = z.strictObject({
  tokens: z
    .array(tokenSchema)
    .superRefine((tokens, context) => {
      const first = new Map<string, number>();
      tokens.forEach((token, index) => {
        const earlier = first.get(token.tokenId);
        if (earlier === undefined) first.set(token.tokenId, index);
        else {
          context.addIssue({
            code: "custom",
            path: [index, "tokenId"],
            message: `the same token id as tokens[${earlier}]`,
          });
        }
      });
    })
    .nullable()
    .optional(),
  defaults: defaultsSchema.optional(),
  endpoints: endpointsSchema.optional(),
});

/** A parsed sync file. */
export interface SyncFile extends EndpointsConfig {
  readonly path: string;
  readonly tokens: readonly TokenDefinition[];
}

/**
 * Reads and checks the sync file at `path`. A file that holds an admin token (in `defaults` or
 * an endpoint) must be private, like the config file.
 *
 * @throws CliError (exit code 2) when it is missing, invalid (each problem named with its line
 *   and field), or holds an admin token and others may read or change it.
 */
export async function loadSyncFile(path: string): Promise<SyncFile> {
  const file = await readTextFile(path, "sync file");
  const parsed = parseYamlFile(file.text, path, "sync file", syncFileSchema);
  const holdsToken =
    parsed.defaults?.adminToken !== undefined ||
    Object.values(parsed.endpoints ?? {}).some((endpoint) => endpoint.adminToken !== undefined);
  if (holdsToken) assertPrivate(file, "sync file");
  return {
    path,
    tokens: parsed.tokens ?? [],
    ...(parsed.defaults !== undefined ? { defaults: parsed.defaults } : {}),
    ...(parsed.endpoints !== undefined ? { endpoints: parsed.endpoints } : {}),
  };
}
