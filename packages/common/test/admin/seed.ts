import { pool } from "@videofly/db";
import { adminSeed } from "../../src/testing/index.ts";

/** The prompt of alice's first video: longer than the 80 characters a top list shows. */
export const LONG_PROMPT = `A lighthouse at dusk, waves breaking on black rocks, gulls circling, ${"slow pan ".repeat(5)}`;
export const PROMPT_80 = "x".repeat(80);

/**
 * Known activity on 2026-05-01..03 (the range under test), with rows just outside it on either
 * side (04-30 23:59:59.999 and 05-04 00:00) that no figure may count. The tests' expectations
 * are worked out from these rows by hand.
 */
export async function seedKnownActivity() {
  const seed = adminSeed(pool());
  const alice = await seed.user("usr_alice", "2026-05-01T08:00:00Z");
  const bob = await seed.user("usr_bob", "2026-05-01T23:59:59.999Z");
  const carol = await seed.user("usr_carol", "2026-05-02T00:00:00Z");
  const dave = await seed.user("usr_dave", "2026-04-30T23:59:59.999Z");
  const erin = await seed.user("usr_erin", "2026-05-04T00:00:00Z");

  const kie = { model: "kling-2.6", provider: "kie" };
  const done = (created: string, started: string, completed: string) => ({
    status: "COMPLETED",
    createdAt: created,
    startedAt: started,
    completedAt: completed,
  });
  // kling-2.6 on kie, created in range: four completed in 60, 120, 180 and 300 s, one failed.
  const v1 = await seed.video({
    userId: alice,
    ...kie,
    ...done("2026-05-01T10:00:00Z", "2026-05-01T10:00:10Z", "2026-05-01T10:01:10Z"),
    prompt: LONG_PROMPT,
  });
  await seed.video({
    userId: alice,
    ...kie,
    ...done("2026-05-01T11:00:00Z", "2026-05-01T11:00:00Z", "2026-05-01T11:02:00Z"),
  });
  // Failed the next day: it counts as failed on 05-02.
  await seed.video({
    userId: bob,
    ...kie,
    status: "FAILED",
    createdAt: "2026-05-01T12:00:00Z",
    updatedAt: "2026-05-02T01:00:00Z",
  });
  const v4 = await seed.video({
    userId: carol,
    ...kie,
    ...done("2026-05-02T09:00:00Z", "2026-05-02T09:00:00Z", "2026-05-02T09:03:00Z"),
    prompt: PROMPT_80,
  });
  await seed.video({
    userId: carol,
    ...kie,
    ...done("2026-05-02T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-02T10:05:00Z"),
  });
  // veo-3 on evolink: one failed, one completed after 20 minutes, past midnight.
  const veo = { model: "veo-3", provider: "evolink" };
  await seed.video({
    userId: bob,
    ...veo,
    status: "FAILED",
    createdAt: "2026-05-02T12:00:00Z",
    updatedAt: "2026-05-02T12:30:00Z",
  });
  const v7 = await seed.video({
    userId: bob,
    ...veo,
    ...done("2026-05-02T23:50:00Z", "2026-05-02T23:50:00Z", "2026-05-03T00:10:00Z"),
  });
  // Still running, and not yet submitted to any provider.
  await seed.video({
    userId: alice,
    model: "kling-2.6",
    provider: "replicate",
    status: "GENERATING",
    createdAt: "2026-05-03T08:00:00Z",
    startedAt: "2026-05-03T08:00:00Z",
  });
  await seed.video({
    userId: alice,
    model: "veo-3",
    provider: null,
    status: "PENDING",
    createdAt: "2026-05-03T09:00:00Z",
  });
  // Created before the range, completed in it: completed on 05-01, but no part of the per-model figures.
  await seed.video({
    userId: dave,
    ...kie,
    ...done("2026-04-30T23:00:00Z", "2026-04-30T23:00:00Z", "2026-05-01T00:30:00Z"),
  });
  await seed.video({ userId: erin, ...kie, status: "FAILED", createdAt: "2026-05-04T00:00:00Z" });

  await seed.apiRequest(dave, "2026-05-01T15:00:00Z");
  await seed.apiRequest(bob, "2026-05-02T08:00:00Z");
  await seed.apiRequest(alice, "2026-05-03T07:00:00Z");
  await seed.apiRequest(dave, "2026-05-03T23:59:59.999Z");
  await seed.apiRequest(erin, "2026-05-04T00:00:00Z");

  await seed.grant(alice, "SIGNUP_BONUS", 50, "2026-05-01T08:00:00Z");
  await seed.grant(bob, "SIGNUP_BONUS", 50, "2026-05-01T23:59:59.999Z");
  await seed.grant(alice, "PURCHASE", 500, "2026-05-01T09:00:00Z");
  await seed.grant(carol, "SIGNUP_BONUS", 50, "2026-05-02T00:00:00Z");
  await seed.grant(bob, "SUBSCRIPTION", 1000, "2026-05-02T06:00:00Z");
  await seed.grant(carol, "ADMIN_GRANT", 30, "2026-05-02T07:00:00Z");
  await seed.grant(alice, "PROMO", 20, "2026-05-03T06:00:00Z");
  await seed.grant(alice, "PURCHASE", 200, "2026-05-03T06:30:00Z");
  await seed.grant(dave, "SIGNUP_BONUS", 50, "2026-04-30T23:59:59.999Z");
  await seed.grant(erin, "PURCHASE", 999, "2026-05-04T00:00:00Z");

  await seed.entry(alice, "SETTLE", -10, "2026-05-01T10:01:10Z");
  await seed.entry(alice, "SETTLE", -20, "2026-05-01T11:02:00Z");
  await seed.entry(dave, "SETTLE", -5, "2026-05-01T00:30:00Z");
  // A hold and its release move frozen credits: nothing consumed.
  await seed.entry(alice, "HOLD", -50, "2026-05-01T12:00:00Z");
  await seed.entry(alice, "RELEASE", 50, "2026-05-01T12:05:00Z");
  await seed.entry(carol, "SETTLE", -40, "2026-05-02T10:05:00Z");
  await seed.entry(bob, "SETTLE", -15, "2026-05-02T11:00:00Z");
  await seed.entry(bob, "SETTLE", -30, "2026-05-03T00:10:00Z");
  await seed.entry(alice, "SETTLE", -1, "2026-05-03T10:00:00Z");
  await seed.entry(dave, "SETTLE", -7, "2026-04-30T23:59:59.999Z");
  await seed.entry(erin, "SETTLE", -100, "2026-05-04T00:00:00Z");
  // Eight more spenders of 2 credits each (signed up long before): twelve in all, ten shown.
  for (let i = 1; i <= 8; i++) {
    const s = await seed.user(`usr_s${i}`, "2026-01-01T00:00:00Z");
    await seed.entry(s, "SETTLE", -2, "2026-05-03T12:00:00Z");
  }

  const play = (video: { id: string }, ownerId: string, allowed: boolean, createdAt: string, times = 1) =>
    seed.access({ videoId: video.id, ownerId, action: "PLAY", allowed, createdAt }, times);
  await play(v1, alice, true, "2026-05-01T10:00:00Z", 3);
  await play(v1, alice, false, "2026-05-01T10:30:00Z");
  await seed.access({
    videoId: v4.id,
    ownerId: carol,
    action: "EMBED",
    allowed: true,
    createdAt: "2026-05-01T20:00:00Z",
  });
  await play(v4, carol, true, "2026-05-02T09:30:00Z", 2);
  await seed.access(
    { videoId: v1.id, ownerId: alice, action: "DOWNLOAD", allowed: false, createdAt: "2026-05-02T11:00:00Z" },
    2,
  );
  await seed.access({
    videoId: v7.id,
    ownerId: bob,
    action: "DOWNLOAD",
    allowed: true,
    createdAt: "2026-05-02T23:59:59.999Z",
  });
  // A video no longer in the table: its decisions count per day, but it has no place in a top list.
  await play({ id: "vid_gone" }, alice, true, "2026-05-02T12:00:00Z", 10);
  await play(v1, alice, true, "2026-04-30T23:59:59.999Z");
  await play(v1, alice, true, "2026-05-04T00:00:00Z");

  return { alice, bob, carol, dave, v1, v4, v7 };
}
