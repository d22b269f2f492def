import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { customer } from "./creem";
import { api, signUpVerified } from "./http";

export const DAY = 86_400_000;

/** A verified user (so with the sign-up bonus) and the Creem customer their events name. */
export async function newUser(label: string) {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const session = await signUpVerified(email);
  return { ...session, email, customer: customer(email) };
}

/** Reads the app's database: the test file points DATABASE_URL at it first. */
export const packagesOf = (userId: string) =>
  db().creditPackage.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

export const available = async (cookie: string) =>
  (await api<{ available: number; debt: number }>("/api/v1/credit/balance", { headers: { cookie } })).body.data;
