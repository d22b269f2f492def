import { authConfig } from "@videofly/auth";
import {
  accessConfig,
  billingConfig,
  commonConfig,
  logger,
  mailConfig,
  NO_PROVIDER_MESSAGE,
  providerRegistry,
  providersConfig,
  storageConfig,
  videoConfig,
  webhookConfig,
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
    accessConfig();
    webhookConfig();
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
  // Not fatal: the site works without one, only generation answers 503 until it is configured.
  if (!providerRegistry().configured) {
    logger().warn({ event: "server.no_video_provider" }, `${NO_PROVIDER_MESSAGE}; generation answers 503 E5030`);
  }
  logger().info({ event: "server.start" }, "configuration loaded");
}
