/** The programs the test suites drive, and the step `pnpm test` runs first to make sure of them. */

import {
  type DebianPackage,
  ensureDebianPackage,
  type PackageHost,
  PackageMissing,
  systemHost,
} from "./debian-package.ts";

export const CHROMIUM: DebianPackage = {
  package: "chromium",
  // Ubuntu's name for it; a Chromium installed another way often answers to it.
  binaries: ["chromium", "chromium-browser"],
  label: "Chromium",
  purpose: "the browser tests",
  envOverride: "CHROMIUM_PATH",
};

export const REDIS_SERVER: DebianPackage = {
  package: "redis-server",
  binaries: ["redis-server"],
  purpose: "the Redis tests",
};

/**
 * For a package's pre-test script: each tool is there or installed, else the process stops with the
 * one line that says how to get it (a stack trace would bury it).
 */
export function ensureTestTools(packages: DebianPackage[], host: PackageHost = systemHost()): void {
  for (const pkg of packages) {
    try {
      ensureDebianPackage(pkg, host);
    } catch (error) {
      if (!(error instanceof PackageMissing)) throw error;
      console.error(error.message);
      process.exit(1);
    }
  }
}
