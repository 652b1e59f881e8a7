/**
 * Schemas (zod 4) of the token labels in admin request bodies (`name`, `description`,
 * `metadata`) and of the state filters of `GET /tokens` (`state`, `expiringBefore`), with the
 * bounds of @pat/core so the answer names the field; `Pat` checks the same bounds again (and
 * control characters), so nothing out of bounds is ever stored. Labels are shown by every
 * listing: never put a secret in them.
 */
import * as z from "zod";
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  METADATA_KEY_PATTERN,
} from "@pat/core";

const name = z.string().min(1).max(MAX_NAME_LENGTH);
const description = z.string().min(1).max(MAX_DESCRIPTION_LENGTH);
const metadata = z
  .record(
    z
      .string()
      .regex(METADATA_KEY_PATTERN, "Expected a key of A-Z, a-z, 0-9, _ . : - from a letter"),
    z.string().max(MAX_METADATA_VALUE_LENGTH),
  )
  .refine((map) => Object.keys(map).length <= MAX_METADATA_ENTRIES, {
    message: `At most ${MAX_METADATA_ENTRIES} entries`,
  });

/** Labels of `POST /tokens` and `PUT /tokens/:tokenId`. */
export const labelFields = {
  name: name.optional(),
  description: description.optional(),
  metadata: metadata.optional(),
};

/** Labels of `PATCH /tokens/:tokenId`: `null` removes one; metadata is replaced whole. */
export const labelUpdateFields = {
  name: name.nullable().optional(),
  description: description.nullable().optional(),
  metadata: metadata.nullable().optional(),
};

/** The state filters of `GET /tokens` (query strings). */
export const stateQueryFields = {
  state: z.enum(["active", "revoked", "expired"]).optional(),
  expiringBefore: z
    .string()
    .regex(/^\d{1,15}$/, "expiringBefore must be Unix seconds")
    .transform(Number)
    .optional(),
};

type LabelKey = "name" | "description" | "metadata";

/** The labels of a parsed body `T`, each optional and never `undefined`. */
export type LabelsOf<T> = {
  [K in LabelKey & keyof T]?: Exclude<T[K], undefined>;
};

/** The labels a body carried, without the absent ones, as `Pat` takes them. */
export function labelsOf<T extends { [K in LabelKey]?: unknown }>(data: T): LabelsOf<T> {
  const out: Record<string, unknown> = {};
  for (const key of ["name", "description", "metadata"] as const) {
    if (data[key] !== undefined) out[key] = data[key];
  }
  return out as LabelsOf<T>;
}
