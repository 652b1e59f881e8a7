/**
 * The access token (JWT) the client holds, obtained by exchanging the PAT at `POST /token`
 * (OAuth 2.0 client credentials, RFC 6749 section 4.4, with the PAT as bearer credential).
 *
 * Renewal timing: a JWT answered with `expires_in = L` seconds is taken to expire `L` seconds
 * after the exchange was *sent* (the server's clock started no earlier), and is renewed once less
 * than `min(30 s, L / 2)` of that remains. So a long-lived JWT is renewed 30 s before its end, as
 * `@access-tokens/client` does, and a short-lived one is still used for half its life instead of
 * being exchanged again on every call. Concurrent calls share one exchange; a failed exchange is
 * not remembered, so the next call tries again.
 */

/** The renewal margin of a long-lived JWT, in milliseconds. */
export const RENEW_BEFORE_MS = 30_000;

/** What one exchange answered. */
export interface Exchanged {
  readonly accessToken: string;
  /** Lifetime in seconds, as the server said. */
  readonly expiresIn: number;
}

interface Held {
  readonly jwt: string;
  /** Epoch milliseconds from which the JWT is renewed before use. */
  readonly renewAt: number;
}

/** When a JWT exchanged at `sentAt` with a lifetime of `expiresIn` seconds is renewed. */
export function renewalTime(sentAt: number, expiresIn: number): number {
  const lifetimeMs = expiresIn * 1000;
  return sentAt + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 2);
}

/** Holds the current JWT and renews it when due. */
export class TokenSession {
  readonly #exchange: () => Promise<Exchanged>;
  readonly #clock: () => number;
  #held: Held | undefined;
  #pending: Promise<string> | undefined;

  constructor(exchange: () => Promise<Exchanged>, clock: () => number) {
    this.#exchange = exchange;
    this.#clock = clock;
  }

  /** A JWT that is not due for renewal, exchanging the PAT first when needed. */
  async current(): Promise<string> {
    const held = this.#held;
    if (held && this.#clock() < held.renewAt) return held.jwt;
    return this.renew();
  }

  /** Exchanges the PAT now (joining an exchange already under way). */
  renew(): Promise<string> {
    this.#pending ??= this.#run().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** The JWT held, if any (for secret scrubbing; never handed out). */
  get held(): string | undefined {
    return this.#held?.jwt;
  }

  /** Forgets `jwt` if it is the one held (the server refused it). */
  discard(jwt: string): void {
    if (this.#held?.jwt === jwt) this.#held = undefined;
  }

  async #run(): Promise<string> {
    const sentAt = this.#clock();
    const { accessToken, expiresIn } = await this.#exchange();
    this.#held = { jwt: accessToken, renewAt: renewalTime(sentAt, expiresIn) };
    return accessToken;
  }
}
