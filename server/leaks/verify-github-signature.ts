import { verify } from "node:crypto";
import { ApiError } from "@/server/core/api-error";
import { githubPublicKey } from "./github-public-keys";

const refused = (reason: string) =>
  new ApiError("UNAUTHORIZED", "The report is not signed by GitHub", { reason });

/**
 * GitHub signs each report with ECDSA P-256 over SHA-256 of the raw body: the signature (base64,
 * DER) in `Github-Public-Key-Signature`, the key's id in `Github-Public-Key-Identifier`.
 * Anything else is a 401 before the body is even parsed.
 */
export async function verifyGithubSignature(headers: Headers, body: Buffer): Promise<void> {
  const keyId = headers.get("github-public-key-identifier")?.trim();
  const signature = headers.get("github-public-key-signature")?.trim();
  if (!keyId || !signature) throw refused("missing_signature");
  const key = await githubPublicKey(keyId);
  if (!key) throw refused("unknown_key");
  let valid = false;
  try {
    valid = verify("sha256", body, { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) throw refused("bad_signature");
}
