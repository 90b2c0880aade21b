import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";
import { componentLogger } from "@/lib/logger";
import { emailSender, senderDomain } from "./config";

export interface OutgoingMail {
  /** The outbox row's id: the Message-ID, so a retry of one message is the same message. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

// Bounded, so a stalled server costs a retry rather than a sender stuck for minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** SMTP options from SMTP_URL: smtps:// is TLS from the start; smtp:// upgrades when offered. */
export function smtpOptions(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username
      ? {
          user: decodeURIComponent(parsed.username),
          pass: decodeURIComponent(parsed.password),
        }
      : undefined,
    ...SMTP_TIMEOUTS,
  };
}

function envelope(mail: OutgoingMail) {
  return {
    from: emailSender(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@${senderDomain()}>`,
    // Tells auto-responders and ticket systems not to answer (RFC 3834).
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

/**
 * Sends one message: through SMTP when SMTP_URL is set, else into the file outbox. Throws when
 * the message did not go out (the caller retries later).
 */
export async function transmit(mail: OutgoingMail): Promise<void> {
  const { SMTP_URL } = env();
  if (SMTP_URL) {
    const transport = nodemailer.createTransport(smtpOptions(SMTP_URL));
    try {
      await transport.sendMail(envelope(mail));
    } finally {
      transport.close();
    }
    return;
  }
  await writeToOutbox(mail);
}

/**
 * Development without a mail server: the message as an .eml file (readable by its owner only:
 * it holds a link) and one log line with its subject, recipient and links, nothing else.
 */
async function writeToOutbox(mail: OutgoingMail): Promise<void> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail(envelope(mail));
  const dir = path.resolve(env().EMAIL_OUTBOX_DIR);
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${mail.id}.eml`);
  await writeFile(file, info.message as Buffer, { mode: 0o600, flag: "wx" });
  await chmod(file, 0o600);
  const links = mail.links.length > 0 ? `: ${mail.links.join(" ")}` : "";
  // Test runs read the folder instead: hundreds of these lines would bury their output.
  if (env().NODE_ENV !== "test") {
    componentLogger("email").info(`"${mail.subject}" to ${mail.to}${links} (${file})`);
  }
}
