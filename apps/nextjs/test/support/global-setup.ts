import { createDatabaseFromTemplate, dropDatabase, startTestDatabaseServer } from "@videofly/db/testing";
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    baseUrl: string;
    serverLogFile: string;
    adminEmail: string;
  }
}

export const ADMIN_EMAIL = "admin@videofly.test";

// One database server, and one running app (`next start` on the built app) shared by the HTTP tests.
export default async function setup(project: TestProject) {
  const database = await startTestDatabaseServer(process.env.TEST_DATABASE_URL);
  const appDatabaseUrl = await createDatabaseFromTemplate(database.templateUrl, "vf_app");
  const app = await startAppServer({ DATABASE_URL: appDatabaseUrl, ADMIN_EMAILS: ADMIN_EMAIL, LOG_LEVEL: "info" });

  project.provide("templateDatabaseUrl", database.templateUrl);
  project.provide("baseUrl", app.baseUrl);
  project.provide("serverLogFile", app.logFile);
  project.provide("adminEmail", ADMIN_EMAIL);

  return async () => {
    await app.stop();
    await dropDatabase(appDatabaseUrl).catch(() => {});
    await database.stop();
  };
}
