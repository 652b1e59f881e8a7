/** The OpenAPI document is a valid OpenAPI 3.1 document, for any mount points. */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createOpenApiDocument } from "../src/index.js";

describe("createOpenApiDocument", () => {
  it.each([
    ["/auth", "/admin"],
    ["", "/api/admin"],
  ])(
    "is valid OpenAPI 3.1 with the auth router at %j and the admin router at %j",
    async (authPath, adminPath) => {
      const document = createOpenApiDocument({ authPath, adminPath });
      const validator = new Validator();
      const result = await validator.validate(structuredClone(document));
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(document["openapi"]).toBe("3.1.0");
      expect(Object.keys(document["paths"] as object)).toContain(`${adminPath}/tokens/{tokenId}`);
    },
  );
});
