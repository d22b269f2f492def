import { db } from "@videofly/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcileCredits } from "../../src/credits/index.ts";
import {
  advanceArb,
  type Command,
  commandArb,
  concretize,
  type EngineResult,
  engineViews,
  modelViews,
  type Run,
  remember,
  runOnEngine,
  runOnModel,
  type Step,
} from "./property-commands.ts";
import { ReferenceBooks } from "./reference-model.ts";
import { createUser, NOW } from "./support.ts";

process.env.DATABASE_POOL_MAX = "20";

// Two users share the clock and the jobs (expiry, stale holds), so one user's jobs must not touch the other.
const USERS = 2;

async function newRun(): Promise<Run> {
  const users = await Promise.all(Array.from({ length: USERS }, (_, i) => createUser(`p${i}`)));
  return { users, now: NOW.getTime(), grants: [], holds: [], counter: 0 };
}

const describeStep = (s: Step) => JSON.stringify(s);

// Commands one at a time; after every one, the engine and the model must agree on every user's
// balance, spending order, packages and holds (which packages each drew from, and how much).
async function sequential(commands: { command: Command; advance: number }[]) {
  const run = await newRun();
  const model = new ReferenceBooks();
  const done: string[] = [];
  for (const { command, advance } of commands) {
    run.now += advance;
    const step = concretize(run, command);
    if (!step) continue;
    done.push(`${new Date(run.now).toISOString()} ${describeStep(step)}`);
    const engine = await runOnEngine(step, run.now);
    const expected = runOnModel(model, step, run.now, engine.packageId);
    const context = done.join("\n");
    expect(engine.outcome, context).toBe(expected);
    if (engine.outcome !== "short") remember(run, step);
    expect(await engineViews(run), context).toEqual(modelViews(run, model));
  }
  expect(await engineViews(run, { order: true }), done.join("\n")).toEqual(modelViews(run, model, { order: true }));
}

function* permutations(n: number, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === n) {
    yield prefix;
    return;
  }
  for (let i = 0; i < n; i += 1) if (!prefix.includes(i)) yield* permutations(n, [...prefix, i]);
}

/**
 * Runs a batch on the model in every order; the engine's outcomes and state must be those of one of
 * them (its concurrent run must equal SOME serial run). Returns the model of that order.
 */
async function explainBatch(run: Run, model: ReferenceBooks, steps: Step[], results: EngineResult[]) {
  const engineState = await engineViews(run);
  let closest: unknown;
  for (const order of permutations(steps.length)) {
    const candidate = model.clone();
    const outcomes = new Map(
      order.map((i) => [i, runOnModel(candidate, steps[i] as Step, run.now, results[i]?.packageId)]),
    );
    if (results.some((r, i) => outcomes.get(i) !== r.outcome)) continue;
    const state = modelViews(run, candidate);
    if (JSON.stringify(state) === JSON.stringify(engineState)) return candidate;
    closest ??= state;
  }
  const context = `no serial order of ${steps.map(describeStep).join(" | ")} gives ${JSON.stringify(results)}`;
  expect(engineState, context).toEqual(closest);
  throw new Error(context);
}

// Commands of a batch run at the same time; batches one after another, the clock moving between.
async function concurrent(batches: { commands: Command[]; advance: number }[]) {
  const run = await newRun();
  let model = new ReferenceBooks();
  for (const batch of batches) {
    const steps = batch.commands.map((c) => concretize(run, c)).filter((s): s is Step => s !== null);
    const settled = await Promise.allSettled(steps.map((s) => runOnEngine(s, run.now)));
    const results = settled.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    model = await explainBatch(run, model, steps, results);
    steps.forEach((s, i) => {
      if (results[i]?.outcome !== "short") remember(run, s);
    });
    run.now += batch.advance;
  }
  expect(await engineViews(run, { order: true })).toEqual(modelViews(run, model, { order: true }));
}

const sometimes = (arb: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: arb });

describe("credit engine against a reference model", () => {
  it("agrees with the model after every command of any sequence", async () => {
    const commands = fc.array(fc.record({ command: commandArb(USERS), advance: sometimes(advanceArb) }), {
      minLength: 5,
      maxLength: 40,
      size: "max",
    });
    await fc.assert(fc.asyncProperty(commands, sequential), { numRuns: 100 });
  }, 300_000);

  it("runs concurrent commands as some serial order of them, and the books stay balanced", async () => {
    const batches = fc.array(
      fc.record({ commands: fc.array(commandArb(USERS), { minLength: 1, maxLength: 4 }), advance: advanceArb }),
      { minLength: 3, maxLength: 15, size: "max" },
    );
    await fc.assert(fc.asyncProperty(batches, concurrent), { numRuns: 60 });
    const violations = await db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM credit_package
       WHERE "remainingCredits" < 0 OR "frozenCredits" < 0 OR "remainingCredits" + "frozenCredits" > "initialCredits"`;
    expect(Number(violations[0]?.n)).toBe(0);
    expect(await reconcileCredits()).toEqual([]);
  }, 300_000);
});
