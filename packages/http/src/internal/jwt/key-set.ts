/**
 * JWT signing key sets (the `KeySet` of @access-tokens/express): one active private key to sign
 * with, and every public key that may verify (several during a rotation, told apart by `kid`).
 *
 * Only asymmetric algorithms (RFC 7518 §3: RS*, PS*, ES*, EdDSA) are allowed: a symmetric key's
 * "public" half is the secret itself, so it could not be served at `/.well-known/jwks.json`.
 * Public keys are checked to hold no private member, so the JWKS never leaks a private key.
 */
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { InvalidConfigError } from "@pat/core";

/** A signing key set, as @access-tokens/express's `generateKeySet` makes it. */
export interface KeySet {
  /** `kid` of the private key that signs new tokens. */
  active_kid: string;
  /** Private keys (JWK), each with `kid` and `alg`; only the active one is used. */
  private_keys: JWK[];
  /** Public keys (JWK) that verify tokens and are served as the JWKS, each with `kid` and `alg`. */
  public_keys: JWK[];
}

/** Algorithms `generateKeySet` makes keys for. */
export type AlgorithmType = "EdDSA" | "RS256" | "ES256";

/** JWS algorithms a key set may use (asymmetric only). */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = Object.freeze([
  "EdDSA",
  "Ed25519",
  "ES256",
  "ES384",
  "ES512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
]);

/** JWK members that only a private (or symmetric) key has (RFC 7517 §9.3, RFC 7518 §6). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** A public JWK checked for `kid`, an allowed `alg` and no private member. */
export interface CheckedPublicKey {
  readonly kid: string;
  readonly alg: string;
  readonly jwk: JWK;
}

function describe(where: string): string {
  return `buildSignerVerifier: ${where}`;
}

function checkKid(kid: unknown, where: string): string {
  if (typeof kid !== "string" || kid.length === 0 || kid.length > 256) {
    throw new InvalidConfigError(describe(`${where} needs a kid of 1 to 256 characters`));
  }
  return kid;
}

function checkAlg(alg: unknown, where: string): string {
  if (typeof alg !== "string" || !ASYMMETRIC_ALGORITHMS.includes(alg)) {
    throw new InvalidConfigError(
      describe(`${where} needs an asymmetric alg (${ASYMMETRIC_ALGORITHMS.join(", ")})`),
    );
  }
  return alg;
}

/** Validates the public keys of a key set; throws `INVALID_CONFIG` naming the key. */
export function checkPublicKeys(keys: unknown): CheckedPublicKey[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidConfigError(describe("keySet.public_keys must be a non-empty array"));
  }
  const seen = new Set<string>();
  return keys.map((key: unknown, i) => {
    const where = `keySet.public_keys[${i}]`;
    if (typeof key !== "object" || key === null) {
      throw new InvalidConfigError(describe(`${where} must be a JWK object`));
    }
    const jwk = key as JWK;
    const kid = checkKid(jwk.kid, where);
    const alg = checkAlg(jwk.alg, where);
    for (const member of PRIVATE_MEMBERS) {
      if (member in jwk) {
        throw new InvalidConfigError(
          describe(`${where} (kid ${kid}) holds private key material ("${member}")`),
        );
      }
    }
    if (seen.has(kid)) throw new InvalidConfigError(describe(`${where}: kid ${kid} is repeated`));
    seen.add(kid);
    return { kid, alg, jwk: { ...jwk } };
  });
}

/** The active private key of a key set; throws `INVALID_CONFIG`. */
export function activePrivateKey(keySet: KeySet): { kid: string; alg: string; jwk: JWK } {
  const kid = checkKid(keySet.active_kid, "keySet.active_kid");
  if (!Array.isArray(keySet.private_keys)) {
    throw new InvalidConfigError(describe("keySet.private_keys must be an array"));
  }
  const jwk = keySet.private_keys.find((k) => typeof k === "object" && k !== null && k.kid === kid);
  if (!jwk) throw new InvalidConfigError(describe(`no private key has the active_kid ${kid}`));
  const alg = checkAlg(jwk.alg, `the private key ${kid}`);
  return { kid, alg, jwk };
}

/**
 * Makes a fresh key pair and the key set around it (the active kid, one private and one public
 * JWK, both with `kid`, `alg` and `use: "sig"`). Same call and shape as @access-tokens/express.
 */
export async function generateKeySet(
  kid: string,
  algorithm: AlgorithmType = "EdDSA",
): Promise<KeySet> {
  checkKid(kid, "generateKeySet kid");
  let pair: Awaited<ReturnType<typeof generateKeyPair>>;
  switch (algorithm) {
    case "EdDSA":
      pair = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
      break;
    case "RS256":
      pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
      break;
    case "ES256":
      pair = await generateKeyPair("ES256", { extractable: true });
      break;
    default:
      throw new InvalidConfigError(
        `generateKeySet: algorithm must be EdDSA, RS256 or ES256 (got ${String(algorithm)})`,
      );
  }
  const label = { kid, alg: algorithm, use: "sig" };
  const privateKey = { ...(await exportJWK(pair.privateKey)), ...label };
  const publicKey = { ...(await exportJWK(pair.publicKey)), ...label };
  return { active_kid: kid, private_keys: [privateKey], public_keys: [publicKey] };
}
