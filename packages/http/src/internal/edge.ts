/**
 * The request and response shapes the core handles: just what the routes and middleware read
 * and write, so that each adapter converts its framework's objects directly (no WHATWG `Request`
 * is built per request on Express or Fastify), and the Fetch handler converts `Request` and
 * `Response`. Every behaviour lives in the core; an adapter only translates these shapes.
 */
import type { HttpLogger } from "./types.js";

/** Where a request body comes from. */
export type EdgeBody =
  /** No body (GET, or nothing sent). */
  | { readonly kind: "none" }
  /** Raw bytes still to be read; `read` stops at `limit` bytes and answers `"too_large"`. */
  | { readonly kind: "raw"; read(limit: number): Promise<Uint8Array | "too_large"> }
  /** Parsed already by a body parser of the application (e.g. a global `express.json()`). */
  | { readonly kind: "parsed"; readonly value: unknown };

/** A request as the core sees it. */
export interface EdgeRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Route parameters (`tokenId`), already decoded by the framework's router. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string, undecoded (`?a=1&a=2` keeps both). */
  readonly search: string;
  /**
   * Every value of a header (lower-case name), in order; `[]` when absent. Duplicates are kept
   * apart when the platform allows it (Node); the Fetch API joins them with `, `.
   */
  header(name: string): readonly string[];
  readonly body: EdgeBody;
  /**
   * A logger of this request that replaces the configured one (Express's `req.logger`, as
   * @access-tokens/express reads it), or undefined.
   */
  readonly logger?: HttpLogger | undefined;
}

/** A response as the core answers it. */
export interface EdgeResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, already serialised; absent for 204 and HEAD-like answers. */
  readonly body?: string;
}

/** Route parameters of a route without any. */
export const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Whether a request announces a body (`Content-Length` above 0, or `Transfer-Encoding`). When we
 * answer such a request without having read its body, the answer closes the connection
 * (`Connection: close`): otherwise the server would read and discard the whole upload to keep
 * the connection alive, which an unauthenticated caller could abuse.
 */
export function announcesBody(header: (name: string) => readonly string[]): boolean {
  const length = header("content-length")[0];
  return header("transfer-encoding").length > 0 || (length !== undefined && length.trim() !== "0");
}

/** `edge` with `Connection: close` added. */
export function closing(edge: EdgeResponse): EdgeResponse {
  return { ...edge, headers: { ...edge.headers, connection: "close" } };
}
