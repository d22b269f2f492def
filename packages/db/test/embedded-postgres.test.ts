import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const module = path.resolve(import.meta.dirname, "../src/embedded-postgres.ts");

describe("embedded PostgreSQL", () => {
  it("starts, answers, stops, and leaves the process exit code alone", () => {
    // embedded-postgres' exit hook used to turn a failing test run (exitCode 1) into exit 0.
    const script = `
      import { mkdtempSync } from "node:fs";
      import { tmpdir } from "node:os";
      import path from "node:path";
      import pg from "pg";
      import { startEmbeddedPostgres } from ${JSON.stringify(module)};
      const server = await startEmbeddedPostgres({ dataDir: mkdtempSync(path.join(tmpdir(), "vf-exit-")), persistent: false });
      const client = new pg.Client({ connectionString: server.url() });
      await client.connect();
      const { rows } = await client.query("SELECT 41 + 1 AS answer");
      await client.end();
      await server.stop();
      console.log("answer=" + rows[0].answer);
      process.exitCode = 3;
    `;
    const run = spawnSync(process.execPath, [tsx, "--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, ".."),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stdout).toContain("answer=42");
    expect(run.status).toBe(3);
  }, 90_000);
});
