/**
 * Conformance of actual answers to the OpenAPI document: every answer of the auth and admin API
 * that the behaviour suite receives is looked up in the document by path template, method,
 * status and content type, and its body validated with ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1). An undocumented status or media type fails too. The operations seen are counted
 * so that the suite can require every documented operation to have been exercised.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { createOpenApiDocument } from "../../src/index.js";

export const DOCUMENT = createOpenApiDocument({ authPath: "/auth", adminPath: "/admin" }) as {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...DOCUMENT, $id: "openapi.json" });

/** Mount prefixes of the test layout, mapped to the document's. */
const PREFIXES: Array<[string, string]> = [
  ["/admin-phc/", "/admin/"],
  ["/boot/auth/", "/auth/"],
  ["/boot/admin/", "/admin/"],
  ["/down/auth/", "/auth/"],
  ["/down/admin/", "/admin/"],
  ["/auth/", "/auth/"],
  ["/admin/", "/admin/"],
];

const templates = Object.keys(DOCUMENT.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Operations (`METHOD template`) whose answers were validated. */
export const seen = new Set<string>();

/** The document's path template of a request path of the test layout, if it is part of the API. */
export function templateOf(path: string): string | undefined {
  const pathname = path.split("?")[0] ?? "";
  for (const [from, to] of PREFIXES) {
    if (!pathname.startsWith(from)) continue;
    const canonical = to + pathname.slice(from.length);
    return templates.find((t) => t.pattern.test(canonical))?.template;
  }
  return undefined;
}

/** Every documented operation, as `METHOD template`. */
export function documentedOperations(): string[] {
  const out: string[] = [];
  for (const [template, item] of Object.entries(DOCUMENT.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      if (method in item) out.push(`${method.toUpperCase()} ${template}`);
    }
  }
  return out.sort();
}

function resolve(node: unknown): Record<string, unknown> | undefined {
  let current = node as Record<string, unknown> | undefined;
  while (current && typeof current["$ref"] === "string") {
    const parts = (current["$ref"] as string).replace(/^#\//, "").split("/");
    let next: unknown = DOCUMENT;
    for (const part of parts) next = (next as Record<string, unknown>)[part];
    current = next as Record<string, unknown>;
  }
  return current;
}

/**
 * Checks one answer against the document; returns a list of problems (empty when it conforms).
 * Paths outside the API (the protected `/api` routes) are not checked.
 */
export function conformanceProblems(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: string,
): string[] {
  const template = templateOf(path);
  if (template === undefined) return [];
  const operation = resolve(DOCUMENT.paths[template]?.[method.toLowerCase()]);
  if (!operation) return [`${method} ${template} is not documented`];
  const responses = operation["responses"] as Record<string, unknown>;
  const response = resolve(responses[String(status)]);
  if (!response) return [`${method} ${template}: status ${status} is not documented`];
  seen.add(`${method.toUpperCase()} ${template}`);
  const content = response["content"] as Record<string, { schema: unknown }> | undefined;
  if (!content)
    return body === "" ? [] : [`${method} ${template} ${status}: a body where none is documented`];
  const media = (contentType ?? "").split(";")[0]?.trim() ?? "";
  const entry = content[media];
  if (!entry) return [`${method} ${template} ${status}: content type ${media} is not documented`];
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${method} ${template} ${status}: body is not JSON`];
  }
  const key = `${method} ${template} ${status} ${media}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(entry.schema));
    compiled.set(key, validate);
  }
  if (validate(value)) return [];
  return [`${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}`];
}

/** Points the document's local `$ref`s at the document registered in ajv. */
function rewriteRefs(node: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(node).replace(/"\$ref":"#\//g, '"$ref":"openapi.json#/'),
  ) as Record<string, unknown>;
}
