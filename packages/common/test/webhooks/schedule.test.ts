import { describe, expect, it } from "vitest";
import { JITTER, RETRY_STEPS, retryDelayMs } from "../../src/webhooks/index.ts";

const BASE = 5000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("retry schedule", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h, and stops after about three days", () => {
    const middle = () => 0.5; // no jitter
    const delays = RETRY_STEPS.map((_, i) => retryDelayMs(i + 1, BASE, middle));
    expect(delays.slice(0, 6)).toEqual([5000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR]);
    expect(delays.slice(5).every((d) => d === 10 * HOUR)).toBe(true);
    expect(retryDelayMs(RETRY_STEPS.length + 1, BASE, middle)).toBeNull();
    const total = delays.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    expect(total / (24 * HOUR)).toBeGreaterThan(3);
    expect(total / (24 * HOUR)).toBeLessThan(3.5);
  });

  it("scales with the base, so tests run the same schedule in milliseconds", () => {
    expect(retryDelayMs(1, 10, () => 0.5)).toBe(10);
    expect(retryDelayMs(2, 10, () => 0.5)).toBe(600);
  });

  it("spreads each wait by ±10 %", () => {
    const low = retryDelayMs(3, BASE, () => 0) as number;
    const high = retryDelayMs(3, BASE, () => 0.999999) as number;
    expect(low).toBe(Math.round(30 * MINUTE * (1 - JITTER)));
    expect(high).toBeCloseTo(30 * MINUTE * (1 + JITTER), -2);
    const samples = Array.from({ length: 200 }, () => retryDelayMs(3, BASE) as number);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(low);
    expect(Math.max(...samples)).toBeLessThanOrEqual(high);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });
});
