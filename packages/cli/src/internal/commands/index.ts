/** Every `pat` command, in the order `pat --help` lists them. */
import type { Command } from "../context.js";
import { bootstrapCommand } from "./bootstrap.js";
import { countCommand } from "./count.js";
import { createTableCommand } from "./create-table.js";
import { exportCommand } from "./export.js";
import { generateCommand } from "./generate.js";
import { importCommand } from "./import.js";
import { issueCommand } from "./issue.js";
import { listCommand } from "./list.js";
import { registerCommand } from "./register.js";
import { restoreCommand } from "./restore.js";
import { revokeCommand } from "./revoke.js";
import { rotateCommand } from "./rotate.js";
import { showCommand } from "./show.js";
import { syncCommand } from "./sync.js";
import { updateCommand } from "./update.js";
import { verifyCommand } from "./verify.js";

export const commands: readonly Command[] = [
  createTableCommand,
  issueCommand,
  verifyCommand,
  showCommand,
  listCommand,
  updateCommand,
  revokeCommand,
  restoreCommand,
  rotateCommand,
  generateCommand,
  registerCommand,
  bootstrapCommand,
  countCommand,
  exportCommand,
  importCommand,
  syncCommand,
];
