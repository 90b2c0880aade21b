// One autocannon round against a running server, and how the benches print rounds.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export interface Round {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU time the server process spent per request (user + system), when it could be read. */
  cpuUs?: number;
}

export interface LoadOptions {
  connections: number;
  /** Run for this many seconds... */
  seconds?: number;
  /** ...or send exactly this many requests. */
  amount?: number;
  /** Bearer tokens, used in turn (one per request). */
  tokens?: string[];
  /** The server's process id, to charge it the CPU time it spent on the round. */
  pid?: number;
}

/**
 * CPU milliseconds a process has used so far (Linux /proc; undefined elsewhere). Unlike req/s,
 * CPU per request hardly moves when other work shares the cores, so it is what the A/B
 * comparisons of the plumbing lean on.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name "(...)": utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

// USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK).
const CLOCK_TICKS = 100;

/** A random private address per request, so the 404 baseline never meets its IP limit. */
function randomForwardedFor(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export async function load(url: string, name: string, options: LoadOptions): Promise<Round> {
  const tokens = options.tokens ?? [];
  let next = 0;
  const cpuBefore = cpuMs(options.pid);
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
  const cpuAfter = cpuMs(options.pid);
  const cpuUs =
    cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
      ? ((cpuAfter - cpuBefore) * 1000) / result.requests.total
      : undefined;
  return {
    name,
    connections: options.connections,
    cpuUs,
    requests: result.requests.total,
    // Over the whole round: autocannon's per-second average misreads short, fixed-amount rounds.
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

export const mean = (rounds: Round[], f: (r: Round) => number) =>
  rounds.reduce((s, r) => s + f(r), 0) / rounds.length;

const fmt = (n: number) => n.toFixed(0).padStart(6);

const cpu = (rounds: Round[]) =>
  rounds.every((r) => r.cpuUs !== undefined) ? fmt(mean(rounds, (r) => r.cpuUs ?? 0)) : "     -";

/**
 * One line per A/B pair, means of its rounds: req/s, B/A, p50/p99 in ms, and the server's CPU
 * time per request in microseconds.
 */
export function pairLine(label: string, connections: number, a: Round[], b: Round[]): string {
  const aRps = mean(a, (r) => r.rps);
  const bRps = mean(b, (r) => r.rps);
  const latency = (rs: Round[]) =>
    `${mean(rs, (r) => r.p50).toFixed(0)}/${mean(rs, (r) => r.p99).toFixed(0)}`.padStart(9);
  return `${label.padEnd(29)} ${String(connections).padStart(4)}  ${fmt(aRps)}   ${fmt(bRps)}   ${(bRps / aRps).toFixed(2)}  ${latency(a)}  ${latency(b)}   ${cpu(a)}   ${cpu(b)}`;
}

export const PAIR_HEADER =
  "pair                          conn   A req/s  B req/s  ratio  A p50/p99  B p50/p99  A cpu/req B cpu/req (us)";
