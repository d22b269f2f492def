export * from "./admin/index.ts";
export * from "./ai/index.ts";
export * from "./billing/index.ts";
export { type CommonConfig, commonConfig } from "./config.ts";
export * from "./credits/index.ts";
export * from "./errors/index.ts";
export { createLogger, type Logger, logger } from "./logger.ts";
export * from "./storage/index.ts";
export * from "./video/index.ts";
