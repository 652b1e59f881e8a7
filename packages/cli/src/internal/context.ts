/**
 * What a command receives: its parsed flags, the output, the configuration, and lazily built
 * clients (a command that fails on its flags never opens a connection). `close()` releases the
 * DynamoDB client's sockets so the process exits promptly.
 */
import type { Readable } from "node:stream";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBPat, MemoryTokenStore, Pat } from "@pat/core";
import type { GlobalValues, OptionSpecs, Values } from "./args.js";
import { createDynamoDBClient, requireTable, type CliConfig, type Env } from "./config.js";
import type { ExitCodeValue } from "./exit-codes.js";
import type { Output, TextSink } from "./output.js";

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
  #client: DynamoDBClient | undefined;
  #pat: DynamoDBPat | undefined;

  constructor(options: {
    values: Values & GlobalValues;
    positionals: readonly string[];
    out: Output;
    config: CliConfig;
    io: Io;
  }) {
    this.values = options.values;
    this.positionals = options.positionals;
    this.out = options.out;
    this.config = options.config;
    this.io = options.io;
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
    this.#client ??= createDynamoDBClient(this.config);
    return this.#client;
  }

  /**
   * The @pat/core façade over the table (built on first use; `overrides` apply only to that
   * first build).
   */
  pat(overrides: { bootstrapPhc?: string } = {}): DynamoDBPat {
    if (this.#pat === undefined) {
      const { tokenPrefix, scryptCost } = this.config;
      const bootstrapPhc = overrides.bootstrapPhc ?? this.config.bootstrapPhc;
      this.#pat = new DynamoDBPat({
        tableName: this.tableName,
        ddbClient: this.client(),
        ...(tokenPrefix !== undefined ? { tokenPrefix } : {}),
        ...(scryptCost !== undefined ? { scryptOptions: { cost: scryptCost } } : {}),
        ...(bootstrapPhc !== undefined ? { bootstrapPhc } : {}),
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
    const { tokenPrefix, scryptCost } = this.config;
    return new Pat({
      store: new MemoryTokenStore(),
      ...(tokenPrefix !== undefined ? { tokenPrefix } : {}),
      ...(scryptCost !== undefined ? { scryptOptions: { cost: scryptCost } } : {}),
    });
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
  /** Option lines for `pat <name> --help`: [flag, description]. */
  readonly optionHelp: readonly (readonly [string, string])[];
  /** Extra paragraphs for `pat <name> --help`. */
  readonly notes?: readonly string[];
  /** Options besides the global ones. */
  readonly options: OptionSpecs;
  /** Most positional arguments accepted. */
  readonly maxPositionals: number;
  /** Runs the command and resolves its exit code. */
  run(context: CommandContext): Promise<ExitCodeValue>;
}
