/**
 * `pat create-table`: creates the token table (partition key `tokenId`, the `owner-index` GSI,
 * TTL on `expiresAt`, on-demand billing) through @pat/store's `createTokenTable`, and waits until it
 * is ACTIVE. An existing table is not an error (the library completes a missing index or TTL), so
 * the command is safe to run in every deploy script.
 */
import { createTokenTable } from "@pat/core";
import { flag } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";

export const createTableCommand: Command = {
  name: "create-table",
  summary: "Create the token table (owner index, TTL on expiresAt) if it does not exist",
  usage: ["pat create-table --table <name> [--no-owner-index] [--no-ttl]"],
  optionHelp: [
    ["--no-owner-index", "do not create the owner-index GSI (list --owner then scans)"],
    ["--no-ttl", "do not enable TTL on expiresAt (expired tokens are then kept)"],
  ],
  options: {
    "no-owner-index": { type: "boolean" },
    "no-ttl": { type: "boolean" },
  },
  maxPositionals: 0,
  async run(context) {
    const tableName = context.tableName;
    const { created } = await createTokenTable({
      client: context.client(),
      tableName,
      ownerIndex: !flag(context.values, "no-owner-index"),
      ttl: !flag(context.values, "no-ttl"),
    });
    if (context.out.json) {
      context.out.writeJson({ tableName, created });
    } else {
      const { colours } = context.out;
      context.out.line(
        created
          ? `${colours.green("Created")} table ${colours.bold(tableName)}`
          : `Table ${colours.bold(tableName)} already exists; nothing changed`,
      );
    }
    return ExitCode.ok;
  },
};
