/**
 * The WHATWG Fetch face of the core (`Request` → `Response`), for Node ≥ 20, Bun, Deno, workers
 * and Next.js route handlers, and the bridge the Hono adapter uses. Bodies are read from the
 * request stream with the limit enforced while reading.
 */
import type { EdgeBody, EdgeRequest, EdgeResponse } from "./edge.js";
import { announcesBody, closing, NO_PARAMS } from "./edge.js";

/** Reads a web stream up to `limit` bytes; `"too_large"` (and the stream cancelled) beyond. */
export async function readWebStream(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | "too_large"> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return "too_large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The body of a Fetch `Request`, unread. */
export function webBody(request: Request): EdgeBody {
  const stream = request.body;
  if (stream === null || request.bodyUsed) return { kind: "none" };
  return { kind: "raw", read: (limit) => readWebStream(stream, limit) };
}

/** The values of a header of a Fetch `Headers` (joined by the platform when repeated). */
export function webHeader(headers: Headers): (name: string) => readonly string[] {
  return (name) => {
    const value = headers.get(name);
    return value === null ? [] : [value];
  };
}

/** A Fetch `Request` as the core sees it. */
export function edgeFromRequest(
  request: Request,
  params: Readonly<Record<string, string>> = NO_PARAMS,
  search = new URL(request.url).search,
): EdgeRequest {
  return {
    method: request.method.toUpperCase(),
    params,
    search,
    header: webHeader(request.headers),
    body: webBody(request),
  };
}

/**
 * A Fetch `Response` of a core answer to `request` (when given): `Connection: close` is added if
 * the request announced a body that was not read (see `announcesBody`).
 */
export function toResponse(edge: EdgeResponse, request?: Request): Response {
  const unread =
    request !== undefined &&
    request.body !== null &&
    !request.bodyUsed &&
    announcesBody(webHeader(request.headers));
  const answer = unread ? closing(edge) : edge;
  return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
}
