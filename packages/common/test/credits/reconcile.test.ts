import { db } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { grantCredits, holdCredits, reconcileCredits } from "../../src/credits/index.ts";
import { createUser, NOW } from "./support.ts";

// This file corrupts the books on purpose, so it has its own database (as every test file does).
describe("reconcileCredits", () => {
  it("is empty for healthy books and names each broken identity", async () => {
    const u = await createUser();
    const { package: pkg } = await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 50,
      expiresAt: null,
      now: NOW,
    });
    const { hold } = await holdCredits({ userId: u, reference: `v:${u}`, amount: 10, now: NOW });
    expect(await reconcileCredits()).toEqual([]);

    // Credits vanishing without a ledger entry.
    await db().creditPackage.update({ where: { id: pkg.id }, data: { remainingCredits: 35 } });
    // A hold whose amount no longer matches what it froze.
    await db().creditHold.update({ where: { id: hold.id }, data: { amount: 12 } });

    const problems = await reconcileCredits();
    const checks = new Set(problems.map((p) => p.check));
    expect(checks).toEqual(new Set(["ledger_vs_packages", "package_entries", "frozen_vs_holds", "hold_allocations"]));
    expect(problems.find((p) => p.check === "package_entries")).toMatchObject({
      userId: u,
      subject: pkg.id,
      expected: "40/10",
      actual: "35/10",
    });
    expect(problems.find((p) => p.check === "frozen_vs_holds")).toMatchObject({ expected: 12, actual: 10 });
  });
});
