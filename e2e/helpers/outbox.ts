import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The e2e server sends no mail (no SMTP_URL): each message is an .eml file in its outbox folder
 * (EMAIL_OUTBOX_DIR, default .data/outbox under the repo the server runs in).
 */
export const OUTBOX_DIR = path.resolve(process.env.EMAIL_OUTBOX_DIR ?? ".data/outbox");

function decodeQuotedPrintable(value: string): string {
  return Buffer.from(
    value
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      ),
    "latin1",
  ).toString("utf8");
}

/** The plain text of every message to `address` in the outbox, oldest first. */
export function mailsTo(address: string): string[] {
  let files: string[] = [];
  try {
    files = readdirSync(OUTBOX_DIR).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files
    .sort()
    .map((f) => readFileSync(path.join(OUTBOX_DIR, f), "utf8"))
    .filter((raw) => new RegExp(`^To: ${address.replace(/[.+]/g, "\\$&")}$`, "mi").test(raw))
    .map(decodeQuotedPrintable);
}

/** The path and query of the last `/reset-password?token=…` (or other) link mailed to `address`. */
export function lastLink(address: string, pathname: string): string | null {
  const pattern = new RegExp(`https?://[^\\s"<>]+(${pathname}\\?token=[A-Za-z0-9_]+)`, "g");
  const found = mailsTo(address).flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]));
  return found.at(-1) ?? null;
}
