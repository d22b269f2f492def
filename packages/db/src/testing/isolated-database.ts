import { afterAll, inject } from "vitest";
import { disconnectDb } from "../client.ts";
import { createDatabaseFromTemplate, dropDatabase } from "./database-server.ts";

// vitest setupFiles entry: each test file gets its own migrated database, dropped afterwards.
// It runs before the file's imports, so `db()` in the code under test connects to it.
const url = await createDatabaseFromTemplate(inject("templateDatabaseUrl"));
process.env.DATABASE_URL = url;

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(url);
});
