import { db } from "@videofly/db";
import { AppError } from "../errors/index.ts";

export interface CreditAlerts {
  /** credits.low (webhook and email) fires when the available balance drops from at least this to below it; 0 turns it off. */
  lowBalanceThreshold: number;
}

export async function getCreditAlerts(userId: string): Promise<CreditAlerts> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { creditsLowThreshold: true } });
  if (!user) throw new AppError("NOT_FOUND", { message: "No such user." });
  return { lowBalanceThreshold: user.creditsLowThreshold };
}

export async function setCreditAlerts(userId: string, alerts: CreditAlerts): Promise<CreditAlerts> {
  const user = await db().user.update({
    where: { id: userId },
    data: { creditsLowThreshold: alerts.lowBalanceThreshold },
    select: { creditsLowThreshold: true },
  });
  return { lowBalanceThreshold: user.creditsLowThreshold };
}
