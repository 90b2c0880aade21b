import { closeDb, getDb } from "@/db";
import { seedDemoData } from "@/db/seed";

const seeded = await seedDemoData(await getDb());
await closeDb();
console.log(
  seeded
    ? "Demo data seeded: admin@voltasis.test, owner@acme.test, member@acme.test, owner@globex.test"
    : "Demo data: this database was seeded before, nothing changed",
);
