import { env } from "@/lib/env";

/**
 * True when mail really goes out (SMTP_URL and EMAIL_FROM set). Without it, messages land in the
 * server log and EMAIL_OUTBOX_DIR, which only the operator reads: a link sent there reaches the
 * operator, not the address.
 */
export function emailDeliveryConfigured(): boolean {
  const { SMTP_URL, EMAIL_FROM } = env();
  return Boolean(SMTP_URL && EMAIL_FROM);
}

const DEFAULT_SENDER = "Voltasis <no-reply@voltasis.invalid>";

/** The From of every message. */
export function emailSender(): string {
  return env().EMAIL_FROM ?? DEFAULT_SENDER;
}

/** The domain of the sender's address, for Message-ID headers. */
export function senderDomain(): string {
  const sender = emailSender();
  const address = /<([^>]+)>/.exec(sender)?.[1] ?? sender;
  return address.split("@")[1]?.trim() || "voltasis.invalid";
}
