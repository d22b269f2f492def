export {
  createDatabaseFromTemplate,
  databaseUrl,
  dropDatabase,
  startTestDatabaseServer,
  type TestDatabaseServer,
  uniqueName,
} from "./database-server.ts";
