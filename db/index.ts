export { closeDb, type Db, getDb, getDbHandle, migrateDatabase, type Tx } from "./client";
export * as schema from "./schema";
