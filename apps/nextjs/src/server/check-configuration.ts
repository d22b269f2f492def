import { authConfig } from "@videofly/auth";
import {
  billingConfig,
  commonConfig,
  logger,
  mailConfig,
  providersConfig,
  storageConfig,
  videoConfig,
} from "@videofly/common";
import { ConfigError, dbConfig } from "@videofly/db";
import { appConfig } from "../config";

/**
 * Runs once when a server instance starts: a missing or bad variable stops it here, naming the
 * variable, instead of failing on the first request that needs it.
 */
export async function checkConfiguration(): Promise<void> {
  try {
    commonConfig();
    billingConfig();
    videoConfig();
    storageConfig();
    mailConfig();
    providersConfig();
    dbConfig();
    authConfig();
    appConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[videofly] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  logger().info({ event: "server.start" }, "configuration loaded");
}
