import { closeDb, getDb } from "@/db";
import { seedDemoData } from "@/db/seed";

await seedDemoData(await getDb());
await closeDb();
console.log(
  "Demo data seeded: admin@voltasis.test, owner@acme.test, member@acme.test, owner@globex.test",
);
