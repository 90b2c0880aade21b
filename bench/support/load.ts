// One autocannon round against a running server, and how the benches print rounds.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";

export interface Round {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export interface LoadOptions {
  connections: number;
  /** Run for this many seconds... */
  seconds?: number;
  /** ...or send exactly this many requests. */
  amount?: number;
  /** Bearer tokens, used in turn (one per request). */
  tokens?: string[];
}

/** A random private address per request, so the 404 baseline never meets its IP limit. */
function randomForwardedFor(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export async function load(url: string, name: string, options: LoadOptions): Promise<Round> {
  const tokens = options.tokens ?? [];
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 8 }),
    requests: [
      {
        setupRequest: (req) => {
          const headers: Record<string, string> = { "x-forwarded-for": randomForwardedFor() };
          if (tokens.length > 0) {
            headers.authorization = `Bearer ${tokens[next % tokens.length]}`;
            next += 1;
          }
          return { ...req, headers };
        },
      },
    ],
  });
  return {
    name,
    connections: options.connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

export const mean = (rounds: Round[], f: (r: Round) => number) =>
  rounds.reduce((s, r) => s + f(r), 0) / rounds.length;

const fmt = (n: number) => n.toFixed(0).padStart(6);

/** One line per A/B pair: req/s, ratio and p50/p99 of the means of its rounds. */
export function pairLine(label: string, connections: number, a: Round[], b: Round[]): string {
  const aRps = mean(a, (r) => r.rps);
  const bRps = mean(b, (r) => r.rps);
  return `${label.padEnd(29)} ${String(connections).padStart(4)}  ${fmt(aRps)}   ${fmt(bRps)}   ${(bRps / aRps).toFixed(2)}  ${fmt(mean(a, (r) => r.p50))}/${mean(a, (r) => r.p99).toFixed(0)}  ${fmt(mean(b, (r) => r.p50))}/${mean(b, (r) => r.p99).toFixed(0)}`;
}

export const PAIR_HEADER =
  "pair                          conn   A req/s  B req/s  ratio  A p50/p99   B p50/p99";
