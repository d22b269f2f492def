export { adminSeed, type Queryable } from "./admin-seed.ts";
export {
  APT_LOCK,
  type DebianPackage,
  decide,
  ensureDebianPackage,
  findDebianPackage,
  installCommand,
  onPath,
  type PackageDecision,
  type PackageHost,
  PackageMissing,
  systemHost,
} from "./debian-package.ts";
export { startTestRedis, type TestRedis } from "./redis-server.ts";
export { sampleMedia } from "./sample-media.ts";
export { lastMailTo, mailsTo, type SmtpCapture, startSmtpCapture } from "./smtp-capture.ts";
export { CHROMIUM, ensureTestTools, REDIS_SERVER } from "./test-tools.ts";
