/**
 * The token policies of a `Pat` and its token format: `tokenFormat` (what `issue` and `generate`
 * write; verify reads both formats), `requireExpiry` and `maxLifetimeSeconds` (what `issue`,
 * `register` and `update` accept). Resolved once at construction (`INVALID_CONFIG` naming the
 * option) and applied before any hashing or storage call (`INVALID_INPUT` naming the policy).
 *
 * A lifetime is measured from the call: `issue` and `register` create the token now, so its
 * lifetime is `expiresAt - now`; `update` asks for a new expiry at most `maxLifetimeSeconds` from
 * now (a renewal), which needs no read of the stored record and keeps update one atomic write.
 * No expiry (absent, or `null` in an update) is an unbounded lifetime: refused by either policy.
 */
import { TOKEN_FORMATS, type TokenFormat } from "@pat/crypto";
import { InvalidConfigError, InvalidInputError } from "@pat/store";

/** The policy options of `Pat`, resolved. */
export interface TokenPolicies {
  readonly tokenFormat: TokenFormat;
  /** Undefined: no bound. */
  readonly maxLifetimeSeconds: number | undefined;
  readonly requireExpiry: boolean;
}

/** The options this module reads, as `PatOptions` declares them. */
interface PolicyOptions {
  readonly tokenFormat?: TokenFormat | undefined;
  readonly maxLifetimeSeconds?: number | undefined;
  readonly requireExpiry?: boolean | undefined;
}

/** Validates the policy options. Throws `InvalidConfigError` naming the option. */
export function resolvePolicies(options: PolicyOptions): TokenPolicies {
  const { tokenFormat = "default", maxLifetimeSeconds, requireExpiry = false } = options;
  if (!TOKEN_FORMATS.includes(tokenFormat)) {
    throw new InvalidConfigError(
      `tokenFormat must be "default" or "checksummed" (got ${typeof tokenFormat === "string" ? JSON.stringify(tokenFormat) : typeof tokenFormat})`,
    );
  }
  if (
    maxLifetimeSeconds !== undefined &&
    (typeof maxLifetimeSeconds !== "number" ||
      !Number.isSafeInteger(maxLifetimeSeconds) ||
      maxLifetimeSeconds < 1)
  ) {
    throw new InvalidConfigError(
      `maxLifetimeSeconds must be a positive integer of seconds (got ${String(maxLifetimeSeconds)})`,
    );
  }
  if (typeof requireExpiry !== "boolean") {
    throw new InvalidConfigError(`requireExpiry must be a boolean (got ${typeof requireExpiry})`);
  }
  return { tokenFormat, maxLifetimeSeconds, requireExpiry };
}

/**
 * Throws `INVALID_INPUT` naming the policy when an expiry (`undefined` or `null`: none) set at
 * `now` breaks `requireExpiry` or `maxLifetimeSeconds`. `expiresAt` is already checked as a time.
 */
export function checkExpiryPolicy(
  policies: TokenPolicies,
  expiresAt: number | null | undefined,
  now: number,
): void {
  const { maxLifetimeSeconds, requireExpiry } = policies;
  if (typeof expiresAt !== "number") {
    if (requireExpiry) {
      throw new InvalidInputError("expiresAt is required by the requireExpiry policy");
    }
    if (maxLifetimeSeconds !== undefined) {
      throw new InvalidInputError(
        `expiresAt is required by the maxLifetimeSeconds policy (${maxLifetimeSeconds} seconds)`,
      );
    }
    return;
  }
  if (maxLifetimeSeconds !== undefined && expiresAt - now > maxLifetimeSeconds) {
    throw new InvalidInputError(
      `expiresAt must be at most ${maxLifetimeSeconds} seconds from now by the maxLifetimeSeconds policy (got ${expiresAt - now})`,
    );
  }
}

/** Whether an update of `expiresAt` (`undefined`: none) must be checked against the policies. */
export function updateTouchesExpiry(
  policies: TokenPolicies,
  expiresAt: number | null | undefined,
): boolean {
  return (
    expiresAt !== undefined && (policies.requireExpiry || policies.maxLifetimeSeconds !== undefined)
  );
}
