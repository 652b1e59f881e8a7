/**
 * The labels of the façade's `issue`, `register` and `update` arguments (`name`, `description`,
 * `metadata`), checked with @pat/store's label rules before any hashing or storage call
 * (`INVALID_INPUT` naming the label and the bound). Labels are shown by listings and answered by
 * verify: they are for people, never for secrets.
 */
import {
  checkLabelChanges,
  InvalidInputError,
  parseLabels,
  type LabelChanges,
  type TokenLabels,
} from "@pat/store";
import type { TokenLabelParams } from "./types.js";

/** The labels a caller may give to `issue` / `register`. */
export type LabelParams = TokenLabelParams;

/** The labels of a new record, checked (an empty metadata map is none). */
export function checkNewLabels(params: LabelParams): TokenLabels {
  const { name, description, metadata } = params;
  return parseLabels({ name, description, metadata }, InvalidInputError);
}

/** The label changes of an update, checked (`null` removes; `{}` metadata removes). */
export function checkUpdateLabels(updates: {
  readonly name?: string | null | undefined;
  readonly description?: string | null | undefined;
  readonly metadata?: Readonly<Record<string, string>> | null | undefined;
}): LabelChanges {
  const { name, description, metadata } = updates;
  return checkLabelChanges({
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    ...(metadata === undefined ? {} : { metadata }),
  });
}
