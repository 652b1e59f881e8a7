/**
 * What a command receives: its parsed flags, the output, the configuration, the mode (DynamoDB
 * directly, or a server's admin API), and lazily built clients (a command that fails on its flags
 * never opens a connection). `close()` releases the DynamoDB client's sockets so the process
 * exits promptly.
 */
import type { Readable } from "node:stream";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBPat, MemoryTokenStore, Pat, TOKEN_ID_PATTERN } from "@pat/core";
import type { Values } from "./args.js";
import type { Flag, GlobalValues } from "./flags.js";
import { createDynamoDBClient, requireTable, type CliConfig, type Env } from "./config.js";
import { AccessTokensClient } from "@pat/client";
import { DirectBackend } from "./backend/direct.js";
import { HttpBackend } from "./backend/http.js";
import type { TokenBackend } from "./backend/backend.js";
import { usageError, type ExitCodeValue } from "./exit-codes.js";
import { resolveAdminToken, resolveTargets, type Mode, type SourcedConfig } from "./http-mode.js";
import { readLine } from "./stdin.js";
import type { Output, TextSink } from "./output.js";

/**
 * The token id inside a token `{prefix}{tokenId}.{secret}` whose prefix is not known here (the
 * server's): a token id (the library's `TOKEN_ID_PATTERN`) right before the last dot.
 */
const TOKEN_ID_IN_TOKEN = new RegExp(
  `(${TOKEN_ID_PATTERN.source.replace(/^\^|\$$/g, "")})\\.[^.]+$`,
);

/**
 * Retries and time limits of admin API calls: a person or a script waits, so an unreachable
 * server is an error within seconds (three attempts, 250 ms then 500 ms apart, plus jitter), and
 * no call runs past 15 s, as for DynamoDB.
 */
const HTTP_CLIENT_TIMING = {
  retry: { retries: 2, baseDelayMs: 250, maxDelayMs: 2_000, maxElapsedMs: 15_000 },
  timeoutMs: 15_000,
} as const;

/** The streams and environment of one run (the real process, or buffers in tests). */
export interface Io {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: Readable;
  readonly env: Env;
}

/** Everything a command's `run` may use. */
export class CommandContext {
  readonly values: Values & GlobalValues;
  readonly positionals: readonly string[];
  readonly out: Output;
  readonly config: CliConfig;
  readonly io: Io;
  /** The command being run (for messages). */
  readonly commandName: string;
  /** DynamoDB directly, or a server's admin API. */
  readonly mode: Mode;
  /** Secrets met during the run (the admin token): never to be printed, even in an error. */
  readonly secrets: string[] = [];
  #client: DynamoDBClient | undefined;
  #pat: DynamoDBPat | undefined;
  #stdinUser: string | undefined;

  constructor(options: {
    values: Values & GlobalValues;
    positionals: readonly string[];
    out: Output;
    config: CliConfig;
    io: Io;
    commandName: string;
    mode: Mode;
  }) {
    this.values = options.values;
    this.positionals = options.positionals;
    this.out = options.out;
    this.config = options.config;
    this.io = options.io;
    this.commandName = options.commandName;
    this.mode = options.mode;
  }

  /**
   * Reads the first non-empty line of standard input for `what` (a token, a hash, the admin
   * token). Standard input carries one thing per run.
   *
   * @throws CliError (exit code 2) when something else already claimed standard input.
   */
  readStdin(what: string): Promise<string> {
    this.claimStdin(what);
    return readLine(this.io.stdin, what);
  }

  /**
   * Claims standard input for `what` (a reader that streams it calls this first).
   *
   * @throws CliError (exit code 2) when something else already claimed it.
   */
  claimStdin(what: string): void {
    if (this.#stdinUser !== undefined && this.#stdinUser !== what) {
      throw usageError(
        `Standard input can carry only one thing: it is read for the ${this.#stdinUser}, so the ${what} cannot come from it too`,
      );
    }
    this.#stdinUser = what;
  }

  /**
   * Refuses to run this command in HTTP mode.
   *
   * @throws CliError (exit code 2) when the run is in HTTP mode.
   */
  requireDirect(): void {
    if (this.mode.kind === "http") {
      throw usageError(
        `\`pat ${this.commandName}\` works on DynamoDB directly (--table) and is not available over the admin API (--url, --endpoint-name)`,
      );
    }
  }

  /** Current time in Unix seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** The table name; throws a usage error when none was given. */
  get tableName(): string {
    return requireTable(this.config);
  }

  /** The DynamoDB client (built on first use). */
  client(): DynamoDBClient {
    this.requireDirect();
    this.#client ??= createDynamoDBClient(this.config);
    return this.#client;
  }

  /**
   * The @pat/core façade over the table (built on first use; `overrides` apply only to that
   * first build).
   */
  pat(overrides: { bootstrapPhc?: string } = {}): DynamoDBPat {
    this.requireDirect();
    if (this.#pat === undefined) {
      const { tokenPrefix, scryptCost, hashAlgorithm } = this.config;
      const bootstrapPhc = overrides.bootstrapPhc ?? this.config.bootstrapPhc;
      this.#pat = new DynamoDBPat({
        tableName: this.tableName,
        ddbClient: this.client(),
        ...(tokenPrefix !== undefined ? { tokenPrefix } : {}),
        ...(scryptCost !== undefined ? { scryptOptions: { cost: scryptCost } } : {}),
        ...(bootstrapPhc !== undefined ? { bootstrapPhc } : {}),
        ...(hashAlgorithm !== undefined ? { hashAlgorithm } : {}),
        // A CLI verifies each token once: the memo would only hold memory.
        verifyCache: false,
      });
    }
    return this.#pat;
  }

  /**
   * A façade over an in-memory store, for `generate`: it makes tokens and hashes with the same
   * prefix and scrypt settings, and needs no table, region or credentials.
   */
  offlinePat(): Pat {
    const { tokenPrefix, scryptCost, hashAlgorithm } = this.config;
    return new Pat({
      store: new MemoryTokenStore(),
      ...(tokenPrefix !== undefined ? { tokenPrefix } : {}),
      ...(scryptCost !== undefined ? { scryptOptions: { cost: scryptCost } } : {}),
      ...(hashAlgorithm !== undefined ? { hashAlgorithm } : {}),
    });
  }

  /** Where the table is, for messages: `table "tokens" at http://127.0.0.1:8000`. */
  describeTable(): string {
    const where =
      this.config.endpoint ??
      (this.config.region !== undefined ? `AWS region ${this.config.region}` : "AWS");
    return `table "${this.tableName}" ${this.config.endpoint !== undefined ? "at" : "in"} ${where}`;
  }

  /**
   * The tokens this run works on: the DynamoDB table, or (in HTTP mode) the one admin API named
   * by `--url` or `--endpoint-name`.
   *
   * @throws CliError (exit code 2) for a missing table, endpoint or admin token, or several
   *   endpoint names (only `sync` takes several).
   */
  async backend(): Promise<TokenBackend> {
    if (this.mode.kind === "dynamodb") return new DirectBackend(this.pat(), this.describeTable());
    const backends = await this.httpBackends();
    if (backends.length !== 1) {
      throw usageError(
        `\`pat ${this.commandName}\` works on one endpoint at a time; --endpoint-name names ${backends.length}`,
      );
    }
    return backends[0] as TokenBackend;
  }

  /**
   * One backend per admin API of this HTTP-mode run (`sync` may name several), each with its
   * admin token. `extra` is a sync file's `endpoints` and `defaults`; `mode` may name endpoints
   * the flags did not (a sync file's own).
   *
   * @throws CliError (exit code 2) as `resolveTargets` and `resolveAdminToken` do.
   */
  async httpBackends(extra?: SourcedConfig, mode: Mode = this.mode): Promise<HttpBackend[]> {
    if (mode.kind !== "http") throw new Error("httpBackends() needs the HTTP mode");
    const targets = await resolveTargets(mode, this.values, this.io.env, extra);
    let fromStdin: Promise<string> | undefined;
    const readStdin = (): Promise<string> => (fromStdin ??= this.readStdin("admin token"));
    const backends: HttpBackend[] = [];
    for (const target of targets) {
      const apiKey = await resolveAdminToken(this.values, this.io.env, target, readStdin);
      if (!this.secrets.includes(apiKey)) this.secrets.push(apiKey);
      const client = new AccessTokensClient({
        endpoint: target.url,
        apiKey,
        authPath: target.authPath,
        adminPath: target.adminPath,
        ...HTTP_CLIENT_TIMING,
      });
      const description =
        target.name !== undefined ? `endpoint "${target.name}" (${target.url})` : target.url;
      backends.push(new HttpBackend(client, description, TOKEN_ID_IN_TOKEN.exec(apiKey)?.[1]));
    }
    return backends;
  }

  /** Releases the client's sockets. */
  close(): void {
    this.#client?.destroy();
  }
}

/** One `pat` command. */
export interface Command {
  /** The word after `pat`. */
  readonly name: string;
  /** One line for `pat --help`. */
  readonly summary: string;
  /** Usage lines, e.g. `pat show <id>`. */
  readonly usage: readonly string[];
  /** Extra paragraphs for `pat <name> --help`. */
  readonly notes?: readonly string[];
  /** Flags besides the global ones (parsed and listed in help from these definitions). */
  readonly flags: readonly Flag[];
  /** Most positional arguments accepted. */
  readonly maxPositionals: number;
  /** Whether it also runs over the admin API (`--url`, `--endpoint-name`). */
  readonly http: boolean;
  /** Runs the command and resolves its exit code. */
  run(context: CommandContext): Promise<ExitCodeValue>;
}
