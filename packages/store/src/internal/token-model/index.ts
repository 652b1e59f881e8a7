/**
 * The token model, the one home of every rule about a token record: its bounds and the token id
 * grammar (`limits.ts`), one checker per bound (`checks.ts`), of an id list (`id-list.ts`) and
 * of the characters of new owners and roles (`printable.ts`),
 * record validation (`record.ts`),
 * the checked forms of `update`'s changes and of listing options (`changes.ts`,
 * `scan-options.ts`), the labels of a token (`labels.ts`), the views callers get (`views.ts`),
 * the fields a verify answer depends on (`answer-fields.ts`) and the rules of rotation
 * (`rotation.ts`). The adapters and @pat/core use
 * these; nothing else restates a bound or a message.
 */
export * from "./limits.js";
export * from "./checks.js";
export * from "./id-list.js";
export * from "./printable.js";
export * from "./record.js";
export * from "./changes.js";
export * from "./scan-options.js";
export * from "./views.js";
export * from "./answer-fields.js";
export * from "./labels.js";
export * from "./scan-filter.js";
export * from "./rotation.js";
