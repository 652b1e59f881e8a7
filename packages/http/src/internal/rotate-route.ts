/**
 * `POST /tokens/:tokenId/rotate` of the admin API: replaces a token's secret by a new token (shown
 * in this answer only) for the same owner, roles, admin flag and expiry, the old secret working
 * for `graceSeconds` (default 0) or, with `untilFirstUse`, until the new token is first verified.
 * The body is optional (`{}`: rotate at once). A state that refuses rotation (revoked, expired,
 * rotated already, a successor still awaiting its first use) answers 409 with its code; two
 * concurrent rotations of one token give one 201 and one 409 `TOKEN_ROTATED`.
 */
import { asAdmin, bodyOf, tokenIdOf } from "./admin-routes.js";
import { json } from "./responses.js";
import { rotateSchema } from "./schemas.js";

/** The handler of `POST /tokens/:tokenId/rotate`: 201 `{ token, record }`. */
export const rotateToken = asAdmin(async (req, config, admin) => {
  const body = await bodyOf(req, config, rotateSchema, true);
  if (!body.ok) return body.response;
  const tokenId = tokenIdOf(req);
  const { graceSeconds, untilFirstUse } = body.data;
  const { token, record } = await config.pat.rotate(tokenId, {
    ...(graceSeconds === undefined ? {} : { graceSeconds }),
    ...(untilFirstUse === undefined ? {} : { untilFirstUse }),
  });
  config.logger?.info({ tokenId, successorId: record.tokenId, by: admin.sub }, "Rotated a token");
  return json(201, { token, record });
}, "rotating a token");
