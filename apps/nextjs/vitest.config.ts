import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["../../packages/db/src/testing/isolated-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
