import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvForTests } from "@/lib/env";

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  pem: string;
}

/** A P-256 key pair like the ones GitHub signs secret scanning reports with. */
export function signingKey(id: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return { id, privateKey, pem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

/** Base64 DER ECDSA over SHA-256 of the exact bytes: GitHub's `Github-Public-Key-Signature`. */
export function signBody(key: SigningKey, body: string): string {
  return sign("sha256", Buffer.from(body), { key: key.privateKey, dsaEncoding: "der" }).toString(
    "base64",
  );
}

export interface KeysServer {
  /** What the next GET answers: the published keys, or an HTTP error status. */
  serve: { keys: SigningKey[] } | { status: number };
  requests: number;
  close(): Promise<void>;
}

/**
 * GitHub's `meta/public_keys/secret_scanning` on 127.0.0.1, named by
 * GITHUB_SECRET_SCANNING_KEYS_URL for the rest of the file.
 */
export async function startKeysServer(keys: SigningKey[]): Promise<KeysServer> {
  const state: KeysServer = {
    serve: { keys },
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((_req, res) => {
    state.requests += 1;
    const served = state.serve;
    if ("status" in served) {
      res.writeHead(served.status).end("unavailable");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        public_keys: served.keys.map((k, i) => ({
          key_identifier: k.id,
          key: k.pem,
          is_current: i === 0,
        })),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  process.env.GITHUB_SECRET_SCANNING_KEYS_URL = `http://127.0.0.1:${port}/meta/public_keys/secret_scanning`;
  resetEnvForTests();
  delete (globalThis as { __voltasisGithubKeys?: unknown }).__voltasisGithubKeys;
  return state;
}
