import postgres from "postgres";

/**
 * With DATABASE_URL (CI's PostgreSQL pass) a test can reach the server's database and move a row
 * back in time; the embedded database lives inside the server process, out of a test's reach.
 */
export const canAgeRows = Boolean(process.env.DATABASE_URL);

/** Makes an API key `days` older, as if it had been created that long before. */
export async function ageApiKey(id: string, days: number): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("ageApiKey needs DATABASE_URL");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      update api_keys set created_at = created_at - make_interval(days => ${days})
      where id = ${id} returning id`;
    if (rows.length !== 1) throw new Error(`no API key ${id} to age`);
  } finally {
    await sql.end();
  }
}
