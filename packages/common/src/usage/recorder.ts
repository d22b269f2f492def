import { pool } from "@videofly/db";
import { type Logger, logger } from "../logger.ts";
import { type ApiRequestEntry, type ApiRequestRow, toRow } from "./entry.ts";
import { insertApiRequests } from "./store.ts";

export interface UsageRecorderOptions {
  /** Writes one batch; throws when it failed. */
  write: (rows: ApiRequestRow[]) => Promise<unknown>;
  log?: () => Logger;
  /** A flush starts as soon as this many entries wait. */
  batchSize?: number;
  /** Otherwise this long after the first waiting entry. */
  intervalMs?: number;
  /** Entries kept while the database is slow or down; the oldest go first. */
  maxQueue?: number;
  /** Rows per INSERT when a backlog is written. */
  maxRowsPerInsert?: number;
  retryDelayMs?: number;
}

export interface UsageRecorder {
  /** Queues the entry; synchronous, never throws, never waits on the database. */
  record(entry: ApiRequestEntry): void;
  /** Resolves when everything queued (also while it ran) is written or given up; never rejects. */
  flush(): Promise<void>;
}

// Only what says why the write failed: a driver error's `detail` can carry row values.
const describe = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message, code: (error as { code?: unknown }).code }
    : { message: String(error) };

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Batches audit rows so a request never waits on them: a flush starts at `batchSize` entries or
 * `intervalMs` after the first one (an unref'd timer, so it never keeps a process alive). A failed
 * write is retried once, then its rows are dropped and logged: losing audit rows beats slowing or
 * failing the API. One flush runs at a time and drains the queue, entries added meanwhile included.
 */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const batchSize = options.batchSize ?? 200;
  const intervalMs = options.intervalMs ?? 1000;
  const maxQueue = options.maxQueue ?? 10_000;
  const maxRows = options.maxRowsPerInsert ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const log = () => (options.log ?? logger)().child({ component: "api-usage" });

  let queue: ApiRequestRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let dropped = 0;
  let invalid = 0;

  async function write(rows: ApiRequestRow[]): Promise<void> {
    try {
      await options.write(rows);
    } catch (first) {
      log().warn({ error: describe(first), rows: rows.length }, "writing API usage failed; retrying once");
      await sleep(retryDelayMs);
      try {
        await options.write(rows);
      } catch (second) {
        log().error({ error: describe(second), rows: rows.length }, "API usage rows dropped after a failed retry");
      }
    }
  }

  function reportLosses() {
    if (dropped) log().warn({ dropped, maxQueue }, "API usage queue full: oldest entries dropped");
    if (invalid) log().warn({ invalid }, "API usage entries without key, user or HTTP status ignored");
    dropped = 0;
    invalid = 0;
  }

  async function drain(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length) {
      const batch = queue.slice(0, maxRows);
      queue = queue.slice(batch.length);
      await write(batch);
    }
    reportLosses();
  }

  function arm() {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, intervalMs).unref();
  }

  function flush(): Promise<void> {
    draining ??= drain()
      .catch((error: unknown) => log().error({ error: describe(error) }, "flushing API usage failed"))
      .finally(() => {
        draining = undefined;
        // Entries that came after the drain's last look: the next flush takes them.
        if (queue.length) arm();
      });
    return draining;
  }

  function record(entry: ApiRequestEntry): void {
    try {
      const row = toRow(entry, new Date());
      if (!row) {
        invalid += 1;
        return;
      }
      queue.push(row);
      if (queue.length > maxQueue) {
        dropped += queue.splice(0, queue.length - maxQueue).length;
      }
      if (queue.length >= batchSize) void flush();
      else arm();
    } catch {
      // Recording is best effort by design: nothing here may reach the request that is answered.
    }
  }

  // What a caller awaits: also what was queued while the drain it joined was finishing.
  async function flushAll(): Promise<void> {
    do await flush();
    while (queue.length);
  }

  return { record, flush: flushAll };
}

let processRecorder: UsageRecorder | undefined;

const recorder = () => {
  processRecorder ??= createUsageRecorder({ write: (rows) => insertApiRequests(pool(), rows) });
  return processRecorder;
};

/** Queues one audit row for the process's recorder; synchronous, never throws, never waits on the DB. */
export function recordApiRequest(entry: ApiRequestEntry): void {
  try {
    recorder().record(entry);
  } catch {
    // See record(): the caller has answered its request already.
  }
}

/** Writes what is queued (tests, shutdown, the end of a serverless invocation). */
export function flushApiUsage(): Promise<void> {
  return recorder().flush();
}
