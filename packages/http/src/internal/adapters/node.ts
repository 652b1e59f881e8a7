/**
 * What the Express and Fastify adapters share: both run on Node's `http` module, so headers come
 * from `IncomingMessage.headersDistinct` (repeated headers kept apart, so a duplicated
 * `Authorization` is seen as such), bodies are read from the request stream with the limit
 * enforced while reading, and answers are written with `writeHead`/`end` (closing the
 * connection when a request's body was left unread).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { EdgeBody, EdgeResponse } from "../edge.js";
import { announcesBody, closing } from "../edge.js";

/** Reads a Node stream up to `limit` bytes; `"too_large"` beyond (the rest is left to Node). */
export async function readNodeStream(
  stream: Readable,
  limit: number,
): Promise<Uint8Array | "too_large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > limit) {
      // Node's server discards whatever the client still sends once the answer is written.
      stream.resume();
      return "too_large";
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The body of a Node request: raw while unread, else what a body parser put on it. */
export function nodeBody(stream: Readable, parsed: () => unknown): EdgeBody {
  if (stream.readableEnded) {
    const value = parsed();
    return value === undefined ? { kind: "none" } : { kind: "parsed", value };
  }
  return { kind: "raw", read: (limit) => readNodeStream(stream, limit) };
}

/**
 * Every value of a request header, repeated ones apart. Request objects that are not Node's own
 * (Fastify's `inject`, test doubles) may lack `headersDistinct`; `headers` serves then.
 */
export function nodeHeader(req: IncomingMessage): (name: string) => readonly string[] {
  return (name) => {
    const distinct = (req.headersDistinct as IncomingMessage["headersDistinct"] | undefined)?.[
      name
    ];
    if (distinct !== undefined) return distinct;
    const value = req.headers[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
}

/** The query string (with its `?`) of a request target. */
export function searchOf(url: string | undefined): string {
  if (url === undefined) return "";
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at);
}

/**
 * The answer to write for `req`: `Connection: close` added when the request announced a body
 * that has not fully arrived (we answered without reading it). Node would otherwise read and
 * discard the rest of the upload to keep the connection alive.
 */
export function nodeAnswer(req: IncomingMessage, edge: EdgeResponse): EdgeResponse {
  return !req.complete && announcesBody(nodeHeader(req)) ? closing(edge) : edge;
}

/** Writes a core answer to `req` on its Node response. */
export function writeNode(req: IncomingMessage, res: ServerResponse, edge: EdgeResponse): void {
  const answer = nodeAnswer(req, edge);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
