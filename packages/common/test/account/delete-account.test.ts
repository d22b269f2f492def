import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { db, transaction } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../src/account/index.ts";
import { reconcileCredits } from "../../src/credits/index.ts";
import { createStorage, runStorageDeletions, scheduleStorageDeletion } from "../../src/storage/index.ts";
import { files } from "../../src/video/files.ts";
import { checkVideo, cleanupVideos, generateVideo } from "../../src/video/index.ts";
import { createUser } from "../credits/support.ts";
import { klingSpec, userWithCredits } from "../video/support.ts";

const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));
const storageDir = mkdtempSync(path.join(tmpdir(), "videofly-account-"));

// The demo provider's file, served as the app would; while `gate` is shut a download stops after
// its first bytes, so an account can be deleted in the middle of a copy.
let server: Server;
let gate: { open: () => void; opened: Promise<void> } | null = null;
let downloadsStarted = 0;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.url !== "/demo/sample.mp4") return res.writeHead(404).end();
    downloadsStarted += 1;
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    res.write(SAMPLE.subarray(0, 1000));
    await gate?.opened;
    res.end(SAMPLE.subarray(1000));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    APP_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    STORAGE_LOCAL_DIR: storageDir,
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function shutGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  gate = { open, opened };
  return gate;
}

const kling = klingSpec("a private prompt");

const accountUser = () => userWithCredits("account", 100);

const filesUnder = (folder: string) =>
  existsSync(path.join(storageDir, folder)) ? readdirSync(path.join(storageDir, folder)) : [];

describe("account deletion (service)", () => {
  it("leaves no file behind when a copy finishes after the account was deleted", async () => {
    const userId = await accountUser();
    const video = await generateVideo(userId, kling);
    const { open } = shutGate();
    const started = downloadsStarted;
    // The copy: the provider says done, the video is claimed for upload and the download begins.
    const copy = checkVideo(video.uuid);
    while (downloadsStarted === started) await new Promise((r) => setTimeout(r, 20));
    expect((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status).toBe("UPLOADING");

    expect(await deleteAccount(userId)).toMatchObject({ failedVideos: 1, releasedHolds: 1, filesPending: 0 });
    open();
    await copy;

    expect(filesUnder(`videos/${video.uuid}`)).toEqual([]);
    const after = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
    expect(after).toMatchObject({ status: "FAILED", storageKey: null, prompt: "" });
    expect(after.deletedAt).not.toBeNull();
    expect(await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${video.uuid}` } })).toMatchObject({
      status: "RELEASED",
    });
    expect(await reconcileCredits()).toEqual([]);
  });

  it("keeps a folder whose delete failed scheduled, and the cleanup job deletes it later", async () => {
    const userId = await createUser("retry");
    const key = `uploads/${userId}/${randomUUID()}.png`;
    await files().put(key, Readable.from([Buffer.from("png")]), { contentType: "image/png" });
    await transaction((client) => scheduleStorageDeletion(client, [`uploads/${userId}`]));
    // An object store that is down: nothing answers on port 1.
    const down = createStorage(
      {
        driver: "s3",
        s3: {
          bucket: "b",
          region: "auto",
          endpoint: "http://127.0.0.1:1",
          credentials: { accessKeyId: "k", secretAccessKey: "s" },
          forcePathStyle: true,
          publicUrl: undefined,
        },
      },
      { baseUrl: "http://localhost" },
    );
    expect(await runStorageDeletions(down, { prefixes: [`uploads/${userId}`] })).toEqual({ deleted: 0, failed: 1 });
    expect(await db().storageDeletion.findUnique({ where: { prefix: `uploads/${userId}` } })).toMatchObject({
      attempts: 1,
    });
    expect(await files().head(key)).not.toBeNull();

    expect((await cleanupVideos()).foldersRemoved).toBeGreaterThanOrEqual(1);
    expect(await files().head(key)).toBeNull();
    expect(await db().storageDeletion.findUnique({ where: { prefix: `uploads/${userId}` } })).toBeNull();
  });

  it("refuses (409) while a subscription still renews, changing nothing; allowed once it is cancelled", async () => {
    const userId = await accountUser();
    const subscription = await db().creemSubscription.create({
      data: {
        id: `sub_${userId}`,
        productId: "prod",
        referenceId: userId,
        creemSubscriptionId: `cs_${userId}`,
        status: "active",
      },
    });
    await expect(deleteAccount(userId)).rejects.toMatchObject({ status: 409, code: "E4090" });
    expect(await db().user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ deletedAt: null });
    expect(await db().creditPackage.findFirstOrThrow({ where: { userId } })).toMatchObject({ status: "ACTIVE" });

    await db().creemSubscription.update({ where: { id: subscription.id }, data: { cancelAtPeriodEnd: true } });
    expect(await deleteAccount(userId)).toMatchObject({ expiredCredits: 100 });
    await expect(deleteAccount(userId)).rejects.toMatchObject({ status: 404 });
    expect(await reconcileCredits()).toEqual([]);
  });
});
