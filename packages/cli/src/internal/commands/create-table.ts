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
import { booleanFlag } from "../flags.js";

/** What `create-table` did to a table that existed: the library adds a missing index or TTL. */
function existingNote(ownerIndex: boolean, ttl: boolean): string {
  const ensured = [ownerIndex ? "the owner index" : undefined, ttl ? "TTL on expiresAt" : undefined]
    .filter((part) => part !== undefined)
    .join(" and ");
  return ensured === "" ? "; nothing changed" : `; it has ${ensured} (added if missing)`;
}

export const createTableCommand: Command = {
  name: "create-table",
  summary: "Create the token table (owner index, TTL on expiresAt) if it does not exist",
  usage: ["pat create-table --table <name> [--no-owner-index] [--no-ttl]"],
  flags: [
    booleanFlag(
      "no-owner-index",
      "do not create the owner-index GSI (`pat list --owner` then fails)",
    ),
    booleanFlag("no-ttl", "do not enable TTL on expiresAt (expired tokens are then kept)"),
  ],
  maxPositionals: 0,
  http: false,
  async run(context) {
    const tableName = context.tableName;
    const ownerIndex = !flag(context.values, "no-owner-index");
    const ttl = !flag(context.values, "no-ttl");
    const { created } = await createTokenTable({
      client: context.client(),
      tableName,
      ownerIndex,
      ttl,
    });
    if (context.out.json) {
      context.out.writeJson({ tableName, created });
    } else {
      const { colours } = context.out;
      context.out.line(
        created
          ? `${colours.green("Created")} table ${colours.bold(tableName)}`
          : `Table ${colours.bold(tableName)} already exists${existingNote(ownerIndex, ttl)}`,
      );
    }
    return ExitCode.ok;
  },
};
