import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "@/lib/env";
import { parseMail, type ReceivedMail } from "./mail";

/*
 * A real SMTP peer for tests: smtp-server in this process, on 127.0.0.1, with a login, keeping
 * what it receives. useSmtp() points the app's SMTP_URL at it.
 */

export const SMTP_USER = "voltasis";
export const SMTP_PASS = "smtp-pass-of-this-test";
export const FROM = "Voltasis <no-reply@voltasis.test>";

export interface Peer {
  server: SMTPServer;
  port: number;
  received: ReceivedMail[];
  envelopes: { from: string; to: string[] }[];
}

export async function startPeer(port: number): Promise<Peer> {
  const peer: Peer = {
    server: undefined as unknown as SMTPServer,
    port,
    received: [],
    envelopes: [],
  };
  peer.server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust in a test; AUTH still required.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        peer.received.push(parseMail(Buffer.concat(chunks).toString("utf8")));
        peer.envelopes.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    peer.server.once("error", reject);
    peer.server.listen(port, "127.0.0.1", () => resolve());
  });
  return peer;
}

export async function stopPeer(peer: Peer | undefined): Promise<void> {
  if (!peer) return;
  await new Promise<void>((resolve) => peer.server.close(() => resolve()));
}

export function useSmtp(port: number): void {
  process.env.SMTP_URL = `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`;
  process.env.EMAIL_FROM = FROM;
  resetEnvForTests();
}

/** Back to the embedded default: no SMTP, the file outbox. */
export function useFileOutbox(): void {
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  resetEnvForTests();
}
