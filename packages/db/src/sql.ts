import type pg from "pg";
import { pool } from "./client.ts";

export type SqlClient = pg.PoolClient;

/** Lock namespaces for `pg_advisory_xact_lock(namespace, key)`, one per kind of thing locked. */
export const LockNamespace = {
  creditUser: 1001,
  /** A grant key: its grant and a clawback that may have to wait for it. Taken before `creditUser`. */
  creditGrant: 1002,
  /** An owner's free-plan downloads of the day (packages/common/src/access/quota.ts). */
  videoDownloads: 1003,
  /** An upload being assembled (packages/common/src/uploads): a session lock, held outside any transaction. */
  uploadComplete: 1004,
} as const;

export interface TransactionOptions {
  /** A transaction-scoped advisory lock taken right after BEGIN: [namespace, key]. */
  lock?: [number, string];
  /**
   * SQL run right after BEGIN in the same round trip (a simple query: values must be inlined with
   * the given `literal`). Typically takes an advisory lock whose key must first be looked up.
   * Its rows are passed to `fn`.
   */
  begin?: (literal: (value: string) => string) => string;
  pool?: pg.Pool;
}

/**
 * Runs `fn` in one READ COMMITTED transaction on a pooled connection: COMMIT when it returns,
 * ROLLBACK when it throws. `fn` must make no network call other than to this database.
 *
 * `lock` (or `begin`) goes to the server together with BEGIN, as one simple query: one round trip.
 * An advisory lock on (namespace, hashtext(key)) is held until COMMIT or ROLLBACK; two keys that
 * hash alike only serialize more than needed, never less. Reads that must see what the lock
 * protects go in later statements: each statement of READ COMMITTED takes its snapshot when it
 * starts, which for the locking statement is before the wait.
 */
export async function transaction<T>(
  fn: (client: SqlClient, begun: pg.QueryResultRow[]) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await (options.pool ?? pool()).connect();
  let broken = false;
  try {
    const literal = (value: string) => client.escapeLiteral(value);
    let extra = options.begin?.(literal);
    if (options.lock) {
      const [namespace, key] = options.lock;
      if (!Number.isInteger(namespace)) throw new Error("lock namespace must be an integer");
      extra = `SELECT pg_advisory_xact_lock(${namespace}, hashtext(${literal(key)}))`;
    }
    const results: pg.QueryResult | pg.QueryResult[] = await client.query(extra ? `BEGIN; ${extra}` : "BEGIN");
    const begun = Array.isArray(results) ? (results.at(-1)?.rows ?? []) : [];
    const result = await fn(client, begun);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection whose ROLLBACK failed is in an unknown state: drop it rather than reuse it.
    client.release(broken);
  }
}

/**
 * Takes a transaction-scoped advisory lock inside a transaction that is already open, for work
 * that joins a caller's transaction instead of starting its own.
 */
export async function advisoryLock(client: SqlClient, namespace: number, key: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [namespace, key]);
}

/** Collects positional parameters while a statement is composed: `p.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
