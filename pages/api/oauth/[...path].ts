import type { NextApiRequest, NextApiResponse } from "next";
import { handleOAuthRequest } from "@/server/oauth/handle-request";

// oidc-provider reads the raw body and answers by itself (a Koa app): Next must not parse it.
export const config = { api: { bodyParser: false, externalResolver: true } };

/** The OAuth 2.1 authorization server (server/oauth/), with the paths Next rewrote to it. */
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const segments = ([] as string[]).concat(req.query.path ?? []);
  const external = segments[0] === ".well-known" || segments[0] === "device";
  const path = `${external ? "" : "/api/oauth"}/${segments.map(encodeURIComponent).join("/")}`;
  return handleOAuthRequest(req, res, path);
}
