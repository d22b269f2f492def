import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["../db/src/testing/global-setup.ts"],
    setupFiles: ["../db/src/testing/isolated-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
