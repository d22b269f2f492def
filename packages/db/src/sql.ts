import type pg from "pg";
import { pool } from "./client.ts";

export type SqlClient = pg.PoolClient;

/** Lock namespaces for `pg_advisory_xact_lock(namespace, key)`, one per kind of thing locked. */
export const LockNamespace = {
  creditUser: 1001,
} as const;

export interface TransactionOptions {
  /** A transaction-scoped advisory lock taken right after BEGIN: [namespace, key]. */
  lock?: [number, string];
  pool?: pg.Pool;
}

/**
 * Runs `fn` in one READ COMMITTED transaction on a pooled connection: COMMIT when it returns,
 * ROLLBACK when it throws. `fn` must make no network call other than to this database.
 *
 * With `lock`, BEGIN and `pg_advisory_xact_lock(namespace, hashtext(key))` go to the server as
 * one simple query (one round trip); the lock is held until COMMIT or ROLLBACK. Two keys that
 * hash alike only serialize more than needed, never less.
 */
export async function transaction<T>(
  fn: (client: SqlClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await (options.pool ?? pool()).connect();
  let broken = false;
  try {
    if (options.lock) {
      const [namespace, key] = options.lock;
      if (!Number.isInteger(namespace)) throw new Error("lock namespace must be an integer");
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${namespace}, hashtext(${client.escapeLiteral(key)}))`);
    } else {
      await client.query("BEGIN");
    }
    const result = await fn(client);
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

/** Collects positional parameters while a statement is composed: `p.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
