// Cold verification among 1,000,000 API keys in PostgreSQL: the first use of a key this instance
// has never seen costs one indexed query (api_keys_secret_hash_key), measured against the same
// keys once warm (no query at all). Runs in a database of its own, created and dropped here, so
// the million rows never touch the database the caller named.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { newId } from "@/lib/ids";
import { displayParts, generateToken, hashToken } from "@/server/tokens/format";
import { load, PAIR_HEADER, pairLine, type Round } from "./support/load";
import { prepareDatabase, startServer } from "./support/production-server";

const TOTAL_KEYS = 1_000_000;
const WARM_UP_KEYS = 500;
const KEYS_PER_ROUND = 3_000;

// The exact statement verifyBearer's loadApiKey sends (drizzle), for EXPLAIN.
const LOOKUP = `select "id", "created_by", "organization_id", "scopes", "expires_at", "revoked_at" from "api_keys" where "api_keys"."secret_hash" = $1`;

export interface ColdResult {
  keys: number;
  plan: string[];
  rounds: Round[];
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A bench organization, its owner, and `probes` real keys among TOTAL_KEYS rows. */
async function fill(sql: postgres.Sql, probes: string[]): Promise<void> {
  const organizationId = newId("org");
  const userId = newId("usr");
  const environment = process.env.VOLTASIS_ENV === "live" ? "live" : "test";
  await sql`insert into organizations (id, name, slug) values (${organizationId}, 'Bench', 'bench')`;
  await sql`insert into users (id, email, name, password_hash)
            values (${userId}, 'bench@voltasis.test', 'Bench', '!')`;
  await sql`insert into memberships (user_id, organization_id, role)
            values (${userId}, ${organizationId}, 'owner')`;
  // Filler rows: valid keys of the bench organization whose secret is reconstructible
  // ('vlt_test_filler' || n); they never pass the format check, so only the probes are used.
  await sql`
    insert into api_keys (id, organization_id, created_by, name, environment, secret_hash, prefix,
                          last4, scopes, created_at)
    select 'key_filler' || lpad(n::text, 10, '0'), ${organizationId}, ${userId}, 'filler ' || n,
           ${environment}, encode(sha256(convert_to('vlt_test_filler' || n, 'UTF8')), 'hex'),
           'vlt_test_fill', lpad((n % 10000)::text, 4, '0'), array['read:users'],
           now() - make_interval(secs => n)
    from generate_series(1, ${TOTAL_KEYS - probes.length}) as n`;
  const parts = probes.map(displayParts);
  await sql`
    insert into api_keys (id, organization_id, created_by, name, environment, secret_hash, prefix,
                          last4, scopes)
    select id, ${organizationId}, ${userId}, 'probe', ${environment}, hash, prefix, last4,
           array['read:users']
    from unnest(${sql.array(probes.map(() => newId("key")))}::text[],
                ${sql.array(probes.map(hashToken))}::text[],
                ${sql.array(parts.map((p) => p.prefix))}::text[],
                ${sql.array(parts.map((p) => p.last4))}::text[]) as t(id, hash, prefix, last4)`;
  await sql`analyze api_keys`;
}

/**
 * Creates a scratch database beside DATABASE_URL, fills it, serves it with the production build
 * and times cold against warm verifications, two round pairs per connection count.
 */
export async function measureColdVerification(
  baseEnv: NodeJS.ProcessEnv,
  connectionCounts: number[],
): Promise<ColdResult> {
  const adminUrl = baseEnv.DATABASE_URL;
  if (!adminUrl) throw new Error("the cold verification bench needs DATABASE_URL (PostgreSQL)");
  const name = `voltasis_bench_cold_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    DATABASE_URL: withDatabase(adminUrl, name),
    RATE_LIMIT_PREFIX: `voltasis:${name}:rl`,
  };
  const sql = postgres(env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
  try {
    prepareDatabase(env);
    const probes = Array.from(
      { length: WARM_UP_KEYS + 2 * KEYS_PER_ROUND * connectionCounts.length },
      () => generateToken(env.VOLTASIS_ENV === "live" ? "live" : "test"),
    );
    const started = performance.now();
    await fill(sql, probes);
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from api_keys`;
    const keys = row?.count ?? 0;
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`\ncold verification: ${keys.toLocaleString("en")} keys (filled in ${seconds} s)`);
    const plan = await explainLookup(sql, hashToken(probes[0] as string));
    console.log(`EXPLAIN ANALYZE of the lookup:\n${plan.map((l) => `  ${l}`).join("\n")}`);
    if (!plan.some((l) => l.includes("api_keys_secret_hash_key"))) {
      console.log("  note: the lookup does NOT use api_keys_secret_hash_key");
    }
    return { keys, plan, rounds: await coldAgainstWarm(env, probes, connectionCounts) };
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function explainLookup(sql: postgres.Sql, hash: string): Promise<string[]> {
  const rows = await sql.unsafe(`explain (analyze, costs off, timing off, summary off) ${LOOKUP}`, [
    hash,
  ]);
  return rows.map((r) => String(r["QUERY PLAN"]));
}

async function coldAgainstWarm(
  env: NodeJS.ProcessEnv,
  probes: string[],
  connectionCounts: number[],
): Promise<Round[]> {
  const server = await startServer(env);
  const rounds: Round[] = [];
  try {
    const url = `${server.base}/api/v1/auth/me`;
    // Warm the process (JIT, pools, the bench user's memberships) with keys of its own.
    const warmUp = probes.slice(0, WARM_UP_KEYS);
    await load(url, "warm-up", { connections: 10, amount: warmUp.length, tokens: warmUp });
    await load(url, "warm-up", { connections: 10, seconds: 2, tokens: warmUp });

    console.log(`\n${PAIR_HEADER}   (A: warm keys, B: the same keys never seen before)`);
    let offset = WARM_UP_KEYS;
    for (const connections of connectionCounts) {
      const cold: Round[] = [];
      const warm: Round[] = [];
      for (let i = 0; i < 2; i++) {
        const keys = probes.slice(offset, offset + KEYS_PER_ROUND);
        offset += KEYS_PER_ROUND;
        // Each key once: every request of the cold round is a first use.
        const options = { connections, amount: keys.length, tokens: keys, pid: server.pid };
        cold.push(await load(url, "cold", options));
        warm.push(await load(url, "warm", options));
      }
      rounds.push(...cold, ...warm);
      console.log(pairLine("warm vs cold key", connections, warm, cold));
      const refused = [...cold, ...warm].reduce((s, r) => s + r.non2xx, 0);
      if (refused > 0) console.log(`  note: ${refused} non-2xx answers`);
    }
  } finally {
    await server.stop();
  }
  return rounds;
}
