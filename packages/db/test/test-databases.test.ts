import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "../src/client.ts";
import { createDatabaseFromTemplate, dropDatabase } from "../src/testing/index.ts";

describe("test databases", () => {
  it("give each test file its own migrated database, cloned from the template", async () => {
    const template = new URL(inject("templateDatabaseUrl")).pathname.slice(1);
    const [row] = await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    expect(row?.name).toMatch(/^vf_test_/);
    expect(row?.name).not.toBe(template);
    const [applied] = await db().$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(Number(applied?.n)).toBeGreaterThan(0);
  });

  it("create and drop extra databases on demand, even with open connections", async () => {
    const url = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_extra");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on("error", () => {});
    const { rows } = await client.query(`SELECT to_regclass('public.credit_package') AS t`);
    expect(rows[0].t).toBe("credit_package");
    await dropDatabase(url);
    const admin = new pg.Client({ connectionString: inject("templateDatabaseUrl") });
    await admin.connect();
    const left = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [new URL(url).pathname.slice(1)]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});
