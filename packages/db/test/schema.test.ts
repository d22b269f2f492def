import { describe, expect, it } from "vitest";
import { db } from "../src/client.ts";

let n = 0;
async function user() {
  n += 1;
  return db().user.create({ data: { id: `u${n}_${Date.now()}`, name: "u", email: `u${n}_${Date.now()}@example.com` } });
}

async function pkg(
  userId: string,
  data: Partial<{ initialCredits: number; remainingCredits: number; frozenCredits: number; grantKey: string }> = {},
) {
  return db().creditPackage.create({
    data: {
      userId,
      source: "PURCHASE",
      grantKey: data.grantKey ?? `order:${Math.random()}`,
      initialCredits: data.initialCredits ?? 100,
      remainingCredits: data.remainingCredits ?? 100,
      frozenCredits: data.frozenCredits ?? 0,
    },
  });
}

describe("credit invariants enforced by the database", () => {
  it("gives rows prefixed ids", async () => {
    const u = await user();
    const p = await pkg(u.id);
    expect(p.id).toMatch(/^pkg_[0-9a-f]{32}$/);
    const t = await db().creditTransaction.create({
      data: { userId: u.id, type: "GRANT", amount: 100, availableAfter: 100, frozenAfter: 0, packageId: p.id },
    });
    expect(t.id).toMatch(/^txn_/);
  });

  it("rejects negative remaining or frozen credits and more than the initial grant", async () => {
    const u = await user();
    await expect(pkg(u.id, { remainingCredits: -1 })).rejects.toThrow(/credit_package_remaining_nonnegative/);
    await expect(pkg(u.id, { remainingCredits: 50, frozenCredits: -1 })).rejects.toThrow(
      /credit_package_frozen_nonnegative/,
    );
    await expect(pkg(u.id, { remainingCredits: 80, frozenCredits: 30 })).rejects.toThrow(
      /credit_package_within_initial/,
    );
    const p = await pkg(u.id);
    // A guarded update cannot overdraw either: the CHECK is the last line of defence.
    await expect(
      db().creditPackage.update({ where: { id: p.id }, data: { remainingCredits: { decrement: 101 } } }),
    ).rejects.toThrow(/credit_package_remaining_nonnegative/);
  });

  it("allows one package per grant key", async () => {
    const u = await user();
    await pkg(u.id, { grantKey: "order:dup" });
    await expect(pkg(u.id, { grantKey: "order:dup" })).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps the ledger append-only: no UPDATE, DELETE or TRUNCATE", async () => {
    const u = await user();
    const t = await db().creditTransaction.create({
      data: { userId: u.id, type: "ADJUST", amount: 5, availableAfter: 5, frozenAfter: 0, reason: "test" },
    });
    await expect(db().creditTransaction.update({ where: { id: t.id }, data: { amount: 6 } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db().creditTransaction.delete({ where: { id: t.id } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "credit_transaction" CASCADE`)).rejects.toThrow(/append-only/);
    expect(await db().creditTransaction.count({ where: { id: t.id } })).toBe(1);
  });

  it("ties a hold's status to its resolution time and allows one hold per reference", async () => {
    const u = await user();
    const expiresAt = new Date(Date.now() + 3600_000);
    await db().creditHold.create({ data: { userId: u.id, reference: "video:1", amount: 5, expiresAt } });
    await expect(
      db().creditHold.create({ data: { userId: u.id, reference: "video:1", amount: 5, expiresAt } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      db().creditHold.create({ data: { userId: u.id, reference: "video:2", amount: 5, expiresAt, status: "SETTLED" } }),
    ).rejects.toThrow(/credit_hold_resolved_when_final/);
    await expect(
      db().creditHold.create({ data: { userId: u.id, reference: "video:3", amount: 0, expiresAt } }),
    ).rejects.toThrow(/credit_hold_amount_positive/);
  });

  it("keeps a debt's outstanding amount between zero and the debt", async () => {
    const u = await user();
    await expect(
      db().creditDebt.create({ data: { userId: u.id, clawbackKey: "refund:1", amount: 10, outstanding: 11 } }),
    ).rejects.toThrow(/credit_debt_outstanding_in_range/);
  });

  it("never deletes money records with their user", async () => {
    const u = await user();
    await pkg(u.id);
    await expect(db().user.delete({ where: { id: u.id } })).rejects.toThrow();
    expect(await db().user.count({ where: { id: u.id } })).toBe(1);
  });
});
