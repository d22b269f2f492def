import { randomUUID } from "node:crypto";
import { db, pool } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { playableBy } from "../../src/access/playable.ts";
import { policyOutcome } from "../../src/access/rules.ts";
import { createUser } from "../credits/support.ts";

const VISIBILITIES = ["PRIVATE", "UNLISTED", "PUBLIC"] as const;
const STATUSES = ["GENERATING", "COMPLETED", "FAILED"] as const;

describe("playableBy, the list form of the play decision", () => {
  it("lets through exactly the videos the play door opens for, for the owner and for anyone else", async () => {
    const owner = await createUser("playable-owner");
    const stranger = await createUser("playable-stranger");
    const made: { id: string; visibility: (typeof VISIBILITIES)[number]; status: (typeof STATUSES)[number] }[] = [];
    for (const visibility of VISIBILITIES) {
      for (const status of STATUSES) {
        const uuid = randomUUID();
        const { rows } = await pool().query<{ id: string }>(
          `INSERT INTO video (uuid, "userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                              "storageKey", visibility, "updatedAt")
           VALUES ($1, $2, $3::"VideoStatus", 'kling-2.6', 'TEXT_TO_VIDEO', 'p', 5, '16:9', 'standard', 1, $4,
                   $5::"VideoVisibility", now()) RETURNING id`,
          [uuid, owner, status, status === "COMPLETED" ? `videos/${uuid}/a.mp4` : null, visibility],
        );
        made.push({ id: rows[0]?.id as string, visibility, status });
      }
    }
    for (const viewer of [owner, stranger]) {
      const listed = await db().video.findMany({
        where: { AND: [playableBy(viewer), { id: { in: made.map((m) => m.id) } }] },
        select: { id: true },
      });
      // The door: a video not finished is its owner's alone (doors.ts), then the policy decides.
      const decided = made.filter(
        (m) =>
          viewer === owner ||
          (m.status === "COMPLETED" &&
            policyOutcome({
              action: "play",
              isOwner: false,
              visibility: m.visibility,
              allowEmbed: true,
              allowDownload: true,
              embedDomains: [],
              ownerSubscribed: false,
              referrerHost: null,
              appHost: "videofly.test",
            }).allowed),
      );
      expect(listed.map((v) => v.id).sort()).toEqual(decided.map((m) => m.id).sort());
    }
  });
});
