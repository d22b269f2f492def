import type { TestProject } from "vitest/node";
import { startTestDatabaseServer } from "./database-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

// vitest globalSetup: one database server and migrated template per test run.
export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer(process.env.TEST_DATABASE_URL);
  project.provide("templateDatabaseUrl", server.templateUrl);
  return () => server.stop();
}
