// What a production start does with the database before serving (used by the first-run test
// and handy for operators): open and migrate, never seed, then print the setup link while no
// user exists. `NODE_ENV=production npx tsx scripts/first-run-check.ts`
import { count } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { users } from "@/db/schema";
import { runStartupTasks } from "@/server/users/first-run";

const db = await getDb();
await runStartupTasks();
const [row] = await db.select({ n: count() }).from(users);
console.log(`users: ${row?.n ?? 0}`);
await closeDb();
