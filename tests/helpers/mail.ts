import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { drainEmailOutbox } from "@/server/email/outbox";

/** One message as a person's mail program would show it. */
export interface ReceivedMail {
  raw: string;
  headers: Record<string, string>;
  to: string;
  subject: string;
  text: string;
  html: string;
}

function decodeQuotedPrintable(value: string): string {
  const joined = value.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] as string;
    if (c === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

function splitHead(raw: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return [raw, ""];
  return [raw.slice(0, match.index), raw.slice(match.index + match[0].length)];
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString();
  return body;
}

/** A small MIME reader for what nodemailer writes: one part, or multipart/alternative. */
export function parseMail(raw: string): ReceivedMail {
  const [head, body] = splitHead(raw);
  const headers = parseHeaders(head);
  let text = "";
  let html = "";
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((p) => !p.startsWith("--"))
    : [raw];
  for (const part of parts) {
    const [partHead, partBody] = splitHead(part.replace(/^\r?\n/, ""));
    const partHeaders = parseHeaders(partHead);
    const decoded = decodeBody(partHeaders, partBody.replace(/\r?\n$/, ""));
    const type = partHeaders["content-type"] ?? "";
    if (type.startsWith("text/plain")) text = decoded;
    if (type.startsWith("text/html")) html = decoded;
  }
  return {
    raw,
    headers,
    to: headers.to ?? "",
    subject: headers.subject ?? "",
    text,
    html,
  };
}

/** Every message the file outbox of this test file holds, oldest first. */
export function outboxMails(dir = env().EMAIL_OUTBOX_DIR): ReceivedMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((f) => parseMail(readFileSync(path.join(dir, f), "utf8")));
}

/** The messages to one address, once the sender in flight has finished. */
export async function mailsTo(address: string): Promise<ReceivedMail[]> {
  await drainEmailOutbox();
  return outboxMails().filter((m) => m.to.includes(address));
}

/** The link to `pathname` in a message's plain text (`/reset-password`, `/verify-email`). */
export function linkIn(mail: ReceivedMail, pathname: string): URL {
  const match = new RegExp(`https?://[^\\s]+${pathname}\\?token=[A-Za-z0-9_]+`).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in:\n${mail.text}`);
  return new URL(match[0]);
}

export function tokenIn(mail: ReceivedMail, pathname: string): string {
  return linkIn(mail, pathname).searchParams.get("token") ?? "";
}
