import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { generationQueue, recentMedianDurationMs } from "../../src/video/index.ts";
import { createUser } from "../credits/support.ts";

type Status = "QUEUED" | "PENDING" | "GENERATING" | "UPLOADING" | "COMPLETED" | "FAILED" | "CANCELLED";

/** A video of `model` made in `tookMs` (completed `agoMs` before now), or still in `status`. */
async function video(userId: string, model: string, run: { tookMs?: number; agoMs?: number; status?: Status }) {
  const completedAt = new Date(Date.now() - (run.agoMs ?? 0));
  const finished = run.tookMs !== undefined;
  await db().video.create({
    data: {
      userId,
      model,
      mode: "TEXT_TO_VIDEO",
      prompt: "p",
      duration: 5,
      aspectRatio: "16:9",
      quality: "standard",
      creditsCost: 1,
      status: run.status ?? (finished ? "COMPLETED" : "PENDING"),
      createdAt: finished ? new Date(completedAt.getTime() - (run.tookMs ?? 0)) : new Date(),
      completedAt: finished ? completedAt : null,
    },
  });
}

const model = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe("a model's recent median duration", () => {
  it("is the median of completedAt − createdAt over the completed videos, interpolated when their number is even", async () => {
    const userId = await createUser("median");
    const odd = model("odd");
    const even = model("even");
    for (const [i, tookMs] of [30_000, 10_000, 20_000].entries()) await video(userId, odd, { tookMs, agoMs: i });
    for (const [i, tookMs] of [10_000, 40_000, 20_000, 30_000].entries())
      await video(userId, even, { tookMs, agoMs: i });
    // Failed, cancelled and running videos say nothing of how long a finished one takes.
    await video(userId, odd, { tookMs: 900_000, status: "FAILED" });
    await video(userId, odd, { tookMs: 900_000, status: "CANCELLED" });
    await video(userId, odd, { status: "GENERATING" });

    expect(await recentMedianDurationMs([odd, even, odd])).toEqual(
      expect.arrayContaining([
        { model: odd, medianDurationMs: 20_000, sample: 3 },
        { model: even, medianDurationMs: 25_000, sample: 4 },
      ]),
    );
  });

  it("counts only the latest `sample` completed videos, anyone's, and is null for a model that finished none", async () => {
    const [alice, bob] = [await createUser("alice"), await createUser("bob")];
    const name = model("recent");
    // The two latest took 5 s and 7 s (two users); the older, slow ones fall out of a sample of 2.
    await video(alice, name, { tookMs: 5_000, agoMs: 1_000 });
    await video(bob, name, { tookMs: 7_000, agoMs: 2_000 });
    await video(alice, name, { tookMs: 600_000, agoMs: 3_600_000 });
    await video(bob, name, { tookMs: 600_000, agoMs: 7_200_000 });
    const fresh = model("fresh");
    await video(alice, fresh, { status: "PENDING" });

    expect(await recentMedianDurationMs([name, fresh], 2)).toEqual(
      expect.arrayContaining([
        { model: name, medianDurationMs: 6_000, sample: 2 },
        { model: fresh, medianDurationMs: null, sample: 0 },
      ]),
    );
    expect(await recentMedianDurationMs([name])).toEqual([{ model: name, medianDurationMs: 303_500, sample: 4 }]);
    expect(await recentMedianDurationMs([])).toEqual([]);
  });
});

describe("the generation queue", () => {
  it("lists the user's own running videos, newest first, with an estimate per model", async () => {
    const userId = await createUser("queue");
    const other = await createUser("other");
    const name = model("queued");
    await video(userId, name, { tookMs: 12_000 });
    for (const status of ["QUEUED", "PENDING", "GENERATING", "UPLOADING", "FAILED"] as const) {
      await video(userId, name, { status });
    }
    await video(other, name, { status: "PENDING" });
    await db().video.updateMany({ where: { userId, status: "UPLOADING" }, data: { deletedAt: new Date() } });

    const queue = await generationQueue(userId);
    expect(queue.items.map((v) => v.status)).toEqual(["GENERATING", "PENDING", "QUEUED"]);
    expect(queue.estimates).toEqual([{ model: name, medianDurationMs: 12_000, sample: 1 }]);
    expect(await generationQueue(other)).toMatchObject({ items: [{ status: "PENDING" }] });
  });
});
