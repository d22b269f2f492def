import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { expect } from "vitest";
import { getBalance, reconcileCredits } from "../../src/credits/index.ts";

export const DAY = 86_400_000;
export const NOW = new Date("2026-06-01T12:00:00Z");
export const days = (n: number, from = NOW) => new Date(from.getTime() + n * DAY);

export async function createUser(label = "user"): Promise<string> {
  const id = `usr_${label}_${randomUUID().slice(0, 8)}`;
  await db().user.create({ data: { id, name: label, email: `${id}@example.com` } });
  return id;
}

export async function balanceOf(userId: string, now = NOW) {
  const b = await getBalance(userId, now);
  return { available: b.available, frozen: b.frozen, debt: b.debt };
}

export async function expectBooksBalanced() {
  expect(await reconcileCredits()).toEqual([]);
}
