/**
 * The waits before each retry, in units of WEBHOOK_RETRY_BASE_MS (5 s by default): 5 s, 5 min,
 * 30 min, 2 h, 5 h, then 10 h seven times — 13 attempts over about 3.2 days, so an endpoint that
 * never answers is still failing when WEBHOOK_DISABLE_AFTER_MS (3 days) passes and is disabled.
 */
export const RETRY_STEPS = [1, 60, 360, 1440, 3600, 7200, 7200, 7200, 7200, 7200, 7200, 7200] as const;

/** ±10 %: receivers that failed together are not all retried in the same second. */
export const JITTER = 0.1;

/**
 * How long to wait after the `failedAttempts`-th failed attempt, or null when the schedule is
 * over. `random` is in [0, 1).
 */
export function retryDelayMs(
  failedAttempts: number,
  baseMs: number,
  random: () => number = Math.random,
): number | null {
  const step = RETRY_STEPS[failedAttempts - 1];
  if (step === undefined) return null;
  const delay = step * baseMs;
  return Math.round(delay * (1 - JITTER + 2 * JITTER * random()));
}
