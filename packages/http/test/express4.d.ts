// Express 4, installed under the alias `express4` for the behaviour suite; typed as Express 5
// (the adapter uses only what both have: Router, req.params, req.originalUrl, req.body).
declare module "express4" {
  import type express from "express";
  const express4: typeof express;
  export default express4;
}
