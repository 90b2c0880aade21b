import { closeDb, migrateDatabase } from "@/db";

await migrateDatabase();
await closeDb();
console.log("Migrations applied.");
