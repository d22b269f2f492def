import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { RateLimitOutcome, RateLimitRule, RateLimitStore } from "../../src/rate-limit/index.ts";

/** How a suite gets stores: each `open()` is a separate app instance (its own pool or client) on one shared database. */
export interface StoreHarness {
  open(): RateLimitStore;
  /** A store whose database or server does not answer. */
  openBroken(): RateLimitStore;
}

const subject = () => `key:${randomUUID()}`;
const allowedCount = (outcomes: RateLimitOutcome[]) => outcomes.filter((o) => o.allowed).length;

/** The same behaviour proven on every store. */
export function describeRateLimitStore(kind: RateLimitStore["kind"], harness: () => StoreHarness) {
  describe(`rate limits on ${kind}`, () => {
    const opened: RateLimitStore[] = [];
    const open = (broken = false) => {
      const store = broken ? harness().openBroken() : harness().open();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    it("lets exactly the limit through out of 100 concurrent requests, each seeing its own remaining count", async () => {
      const store = open();
      expect(store.kind).toBe(kind);
      const rule: RateLimitRule = { policy: "burst", limit: 30, windowSeconds: 60 };
      const who = subject();
      const results = await Promise.all(Array.from({ length: 100 }, () => store.consume(who, [rule])));
      const outcomes = results.map(([o]) => o as RateLimitOutcome);
      expect(allowedCount(outcomes)).toBe(30);
      // Atomic counting: the 30 allowed requests saw 29, 28, … 0 left, each number exactly once.
      const remaining = outcomes.filter((o) => o.allowed).map((o) => o.remaining);
      expect(remaining.sort((a, b) => b - a)).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
      for (const o of outcomes.filter((o) => !o.allowed)) expect(o.remaining).toBe(0);
    });

    it("shares one budget between two app instances", async () => {
      const [a, b] = [open(), open()];
      const rule: RateLimitRule = { policy: "shared", limit: 30, windowSeconds: 60 };
      const who = subject();
      const [first] = await a.consume(who, [rule]);
      const [second] = await b.consume(who, [rule]);
      expect([first?.remaining, second?.remaining]).toEqual([29, 28]);

      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).consume(who, [rule])),
      );
      expect(allowedCount(results.map(([o]) => o as RateLimitOutcome))).toBe(28);
    });

    it("reports the limit, window, remaining count and seconds to reset", async () => {
      const store = open();
      const rule: RateLimitRule = { policy: "figures", limit: 3, windowSeconds: 60 };
      const who = subject();
      const seen: RateLimitOutcome[] = [];
      for (let i = 0; i < 4; i += 1) seen.push(...(await store.consume(who, [rule])));
      expect(seen.map((o) => [o.allowed, o.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      for (const o of seen) {
        expect(o).toMatchObject({ policy: "figures", limit: 3, windowSeconds: 60 });
        expect(o.resetSeconds).toBeGreaterThanOrEqual(58);
        expect(o.resetSeconds).toBeLessThanOrEqual(60);
      }
    });

    it("gives the full budget back once the window has passed", async () => {
      const store = open();
      const rule: RateLimitRule = { policy: "window", limit: 2, windowSeconds: 1 };
      const who = subject();
      const first = await Promise.all(Array.from({ length: 3 }, () => store.consume(who, [rule])));
      expect(allowedCount(first.map(([o]) => o as RateLimitOutcome))).toBe(2);
      const denied = first.map(([o]) => o as RateLimitOutcome).find((o) => !o.allowed);
      expect(denied?.resetSeconds).toBe(1);

      await sleep(1_200);
      const [again] = await store.consume(who, [rule]);
      expect(again).toMatchObject({ allowed: true, remaining: 1 });
    });

    it("counts every rule of a request, each policy on its own budget, in the order given", async () => {
      const store = open();
      const who = subject();
      const perSecond: RateLimitRule = { policy: "per-second", limit: 1, windowSeconds: 1 };
      const perMinute: RateLimitRule = { policy: "per-minute", limit: 10, windowSeconds: 60 };
      const [s1, m1] = await store.consume(who, [perSecond, perMinute]);
      const [s2, m2] = await store.consume(who, [perSecond, perMinute]);
      expect([s1?.policy, m1?.policy]).toEqual(["per-second", "per-minute"]);
      expect([s1?.allowed, s2?.allowed]).toEqual([true, false]);
      // The minute budget is still spent by a request another budget refused.
      expect([m1?.remaining, m2?.remaining]).toEqual([9, 8]);
      // Another subject is untouched.
      const [other] = await store.consume(subject(), [perSecond]);
      expect(other?.allowed).toBe(true);
    });

    it("lets requests through when the store does not answer (fail open)", async () => {
      const store = open(true);
      const rule: RateLimitRule = { policy: "outage", limit: 1, windowSeconds: 60 };
      const started = Date.now();
      const outcomes = await Promise.all(Array.from({ length: 3 }, () => store.consume(subject(), [rule])));
      expect(outcomes.flat()).toEqual(
        Array.from({ length: 3 }, () => ({ ...rule, remaining: 1, resetSeconds: 60, allowed: true })),
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("refuses a policy name that cannot be a header token", async () => {
      const store = open();
      await expect(store.consume(subject(), [{ policy: 'a"b', limit: 1, windowSeconds: 1 }])).rejects.toThrow(
        TypeError,
      );
      await expect(store.consume(subject(), [{ policy: "ok", limit: 1, windowSeconds: 0.5 }])).rejects.toThrow(
        TypeError,
      );
    });
  });
}
