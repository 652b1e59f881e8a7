/**
 * The suite's HTTP client: real requests with global fetch (and, for what fetch cannot send —
 * repeated headers, exact header bytes — a raw socket), each answer checked against the OpenAPI
 * document and for leaks (no stack trace, no PHC string where none was asked for).
 */
import { connect } from "node:net";
import { expect } from "vitest";
import { conformanceProblems } from "./openapi.js";

/** An answer as the suite reads it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is empty or not JSON). */
  readonly json: Record<string, unknown> & { [key: string]: unknown };
}

/** What a request sends. */
export interface Send {
  /** `Authorization: Bearer <bearer>`. */
  readonly bearer?: string;
  readonly headers?: Record<string, string>;
  /** A JSON body (sets Content-Type). */
  readonly json?: unknown;
  /** A form body (sets Content-Type). */
  readonly form?: Record<string, string>;
  /** A raw body (with `headers` for its Content-Type). */
  readonly body?: string | Uint8Array | ReadableStream<Uint8Array>;
}

const STACK = /\n\s+at |node_modules|\.ts:\d+/;

/** Asserts what must hold of every answer. */
export function expectClean(answer: { status: number; text: string }, allowPhc = false): void {
  expect(answer.text, "an answer holds a stack trace").not.toMatch(STACK);
  if (!allowPhc) expect(answer.text, "an answer holds a PHC string").not.toMatch(/\$scrypt\$/);
}

/** Makes the request helper of a server. */
export function client(url: () => string) {
  return async function call(method: string, path: string, send: Send = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...send.headers };
    if (send.bearer !== undefined) headers["authorization"] = `Bearer ${send.bearer}`;
    let body: RequestInit["body"] | undefined;
    if (send.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(send.json);
    } else if (send.form !== undefined) {
      headers["content-type"] ??= "application/x-www-form-urlencoded";
      body = new URLSearchParams(send.form).toString();
    } else if (send.body !== undefined) {
      body = send.body as RequestInit["body"];
    }
    const response = await fetch(url() + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const text = await response.text();
    let json: Answer["json"] = {} as Answer["json"];
    try {
      json = text === "" ? json : (JSON.parse(text) as Answer["json"]);
    } catch {
      // not JSON; `text` has it
    }
    const answer = { status: response.status, headers: response.headers, text, json };
    expectClean(answer, path.includes("includeSecretPhc") || path.startsWith("/admin-phc"));
    expect(
      conformanceProblems(
        method,
        path,
        response.status,
        response.headers.get("content-type"),
        text,
      ),
    ).toEqual([]);
    return answer;
  };
}

/** Sends exact request bytes on a socket; resolves the status and the raw answer. */
export function rawRequest(url: string, head: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = "";
    socket.setTimeout(10_000, () => socket.destroy(new Error("raw request timed out")));
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, text: data });
    });
    socket.write(head);
  });
}

/**
 * Sends a request head announcing a large body and only the first part of that body, then waits
 * for the server to answer and close the connection; rejects if the server keeps it open (it
 * would be reading the whole upload) for `waitMs`.
 */
export function partialUpload(
  url: string,
  head: string,
  sent: number,
  waitMs = 5_000,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = "";
    const done = () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, text: data });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open after: ${data.split("\r\n")[0]}`));
    }, waitMs);
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    // The server may reset the connection while the upload is still being written.
    socket.on("error", done);
    socket.on("close", done);
    socket.write(head);
    socket.write(Buffer.alloc(sent, 0x20));
  });
}
