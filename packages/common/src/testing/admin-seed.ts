import { randomUUID } from "node:crypto";

/** Anything with pg's `query`: the process pool, or one opened on another database. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Rows written straight into the tables the admin figures read, each at a given instant: the
 * services stamp rows with the clock, and a figure per day can only be checked on known days.
 */
export function adminSeed(db: Queryable) {
  const at = (iso: string) => new Date(iso);
  return {
    async user(id: string, createdAt: string): Promise<string> {
      await db.query(
        `INSERT INTO "user" (id, name, email, "createdAt", "updatedAt") VALUES ($1, $1, $2, ($3::timestamptz AT TIME ZONE 'UTC'), ($3::timestamptz AT TIME ZONE 'UTC'))`,
        [id, `${id}@example.com`, at(createdAt)],
      );
      return id;
    },

    async video(v: {
      userId: string;
      model: string;
      provider: string | null;
      status: string;
      createdAt: string;
      startedAt?: string;
      completedAt?: string;
      updatedAt?: string;
      prompt?: string;
    }): Promise<{ id: string; uuid: string }> {
      const id = `vid_${randomUUID().replaceAll("-", "")}`;
      const uuid = randomUUID();
      await db.query(
        `INSERT INTO video (id, uuid, "userId", status, model, mode, prompt, duration, "aspectRatio", quality,
                            "creditsCost", provider, "startedAt", "completedAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4::"VideoStatus", $5, 'TEXT_TO_VIDEO', $6, 5, '16:9', 'standard', 1, $7,
                 ($8::timestamptz AT TIME ZONE 'UTC'), ($9::timestamptz AT TIME ZONE 'UTC'), ($10::timestamptz AT TIME ZONE 'UTC'), ($11::timestamptz AT TIME ZONE 'UTC'))`,
        [
          id,
          uuid,
          v.userId,
          v.status,
          v.model,
          v.prompt ?? "a seeded video",
          v.provider,
          v.startedAt ? at(v.startedAt) : null,
          v.completedAt ? at(v.completedAt) : null,
          at(v.createdAt),
          at(v.updatedAt ?? v.completedAt ?? v.createdAt),
        ],
      );
      return { id, uuid };
    },

    /** A grant: its package, as every grant has. */
    async grant(userId: string, source: string, credits: number, createdAt: string): Promise<void> {
      await db.query(
        `INSERT INTO credit_package ("userId", source, "grantKey", "initialCredits", "remainingCredits", "createdAt", "updatedAt")
         VALUES ($1, $2::"CreditSource", $3, $4, $4, ($5::timestamptz AT TIME ZONE 'UTC'), ($5::timestamptz AT TIME ZONE 'UTC'))`,
        [userId, source, `seed:${randomUUID()}`, credits, at(createdAt)],
      );
    },

    /** A ledger entry; SETTLE, HOLD and RELEASE carry the signed amount they do in the ledger. */
    async entry(userId: string, type: string, amount: number, createdAt: string): Promise<void> {
      await db.query(
        `INSERT INTO credit_transaction ("userId", type, amount, "availableAfter", "frozenAfter", "createdAt")
         VALUES ($1, $2::"CreditTransactionType", $3, 0, 0, ($4::timestamptz AT TIME ZONE 'UTC'))`,
        [userId, type, amount, at(createdAt)],
      );
    },

    async apiRequest(userId: string, createdAt: string): Promise<void> {
      await db.query(
        `INSERT INTO api_request ("keyId", "userId", method, route, status, "durationMs", "requestId", "createdAt")
         VALUES ('key_seed', $1, 'GET', 'GET /credit/balance', 200, 5, $2, ($3::timestamptz AT TIME ZONE 'UTC'))`,
        [userId, `req_${randomUUID()}`, at(createdAt)],
      );
    },

    /** `times` access decisions for one video. */
    async access(
      a: { videoId: string; ownerId: string; action: string; allowed: boolean; createdAt: string },
      times = 1,
    ): Promise<void> {
      await db.query(
        `INSERT INTO video_access_log ("videoId", "ownerId", action, allowed, reason, "createdAt")
         SELECT $1, $2, $3::"VideoAccessAction", $4, $5, ($6::timestamptz AT TIME ZONE 'UTC') FROM generate_series(1, $7)`,
        [a.videoId, a.ownerId, a.action, a.allowed, a.allowed ? "visibility" : "private", at(a.createdAt), times],
      );
    },
  };
}
