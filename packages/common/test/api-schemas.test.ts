import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { deleteAccount, deleteAccountResult } from "../src/account/index.ts";
import { adminSchemas, adminStats, listUsersWithBalances } from "../src/admin/index.ts";
import type {
  batchSchemas,
  cancelBatch,
  createBatch,
  getBatch,
  listAllBatches,
  listBatches,
  listBatchVideos,
  retryFailedBatchItems,
} from "../src/batch/index.ts";
import { billingSchemas, getBillingOverview, productCatalogue } from "../src/billing/index.ts";
import {
  adjustCredits,
  creditHistory,
  creditSchemas,
  getBalance,
  getCreditAlerts,
  listPackages,
} from "../src/credits/index.ts";
import type {
  favoritesSchemas,
  favoriteVideo,
  latestPublicVideos,
  listFavorites,
  unfavoriteVideo,
} from "../src/favorites/index.ts";
import type { listApiRequests, usageSchemas, usageSummary } from "../src/usage/index.ts";
import {
  deleteVideo,
  generateVideo,
  getVideo,
  getVideoStatus,
  listVideos,
  modelCatalogue,
  presignedUpload,
  presignImageUpload,
  videoSchemas,
} from "../src/video/index.ts";
import type {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  retryWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookTest,
  updateWebhookEndpoint,
  webhookSchemas,
} from "../src/webhooks/index.ts";
import type { Wire } from "../src/wire.ts";
import { createUser } from "./credits/support.ts";
import { klingSpec, userWithCredits } from "./video/support.ts";

type Result<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

/** What a client receives: the result after JSON, parsed by the schema the API document shows. */
function expectWireShape(schema: z.ZodType, value: unknown) {
  const wire = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(wire);
  expect(parsed.error?.issues ?? []).toEqual([]);
  // Nothing the service returns is left out of the document (z.object strips unknown keys).
  expect(parsed.data).toEqual(wire);
}

// The compiler holds each schema to its service: change a result's shape and typecheck fails here.
describe("response schemas have their services' types", () => {
  it("videos", () => {
    expectTypeOf<Result<typeof getVideo>>().toEqualTypeOf<z.output<typeof videoSchemas.video>>();
    expectTypeOf<Result<typeof listVideos>>().toEqualTypeOf<z.output<typeof videoSchemas.videoPage>>();
    expectTypeOf<Result<typeof getVideoStatus>>().toEqualTypeOf<z.output<typeof videoSchemas.videoProgress>>();
    expectTypeOf<Result<typeof deleteVideo>>().toEqualTypeOf<z.output<typeof videoSchemas.deletedVideo>>();
    expectTypeOf<Result<typeof presignImageUpload>>().toEqualTypeOf<z.output<typeof presignedUpload>>();
  });

  it("favorites", () => {
    expectTypeOf<Result<typeof favoriteVideo>>().toEqualTypeOf<z.output<typeof favoritesSchemas.favoriteState>>();
    expectTypeOf<Result<typeof unfavoriteVideo>>().toEqualTypeOf<z.output<typeof favoritesSchemas.favoriteState>>();
    expectTypeOf<Result<typeof latestPublicVideos>>().toEqualTypeOf<z.output<typeof favoritesSchemas.galleryPage>>();
    expectTypeOf<Result<typeof listFavorites>>().toEqualTypeOf<z.output<typeof favoritesSchemas.favoritesPage>>();
  });

  it("webhooks", () => {
    expectTypeOf<Result<typeof createWebhookEndpoint>>().toEqualTypeOf<
      z.output<typeof webhookSchemas.endpointWithSecret>
    >();
    expectTypeOf<Result<typeof rotateWebhookSecret>>().toEqualTypeOf<
      z.output<typeof webhookSchemas.endpointWithSecret>
    >();
    expectTypeOf<Result<typeof getWebhookEndpoint>>().toEqualTypeOf<z.output<typeof webhookSchemas.endpoint>>();
    expectTypeOf<Result<typeof updateWebhookEndpoint>>().toEqualTypeOf<z.output<typeof webhookSchemas.endpoint>>();
    expectTypeOf<Result<typeof listWebhookEndpoints>>().toEqualTypeOf<z.output<typeof webhookSchemas.endpointList>>();
    expectTypeOf<Result<typeof deleteWebhookEndpoint>>().toEqualTypeOf<
      z.output<typeof webhookSchemas.deletedEndpoint>
    >();
    expectTypeOf<Result<typeof listWebhookDeliveries>>().toEqualTypeOf<z.output<typeof webhookSchemas.deliveryPage>>();
    expectTypeOf<Result<typeof retryWebhookDelivery>>().toEqualTypeOf<z.output<typeof webhookSchemas.retryQueued>>();
    expectTypeOf<Result<typeof sendWebhookTest>>().toEqualTypeOf<z.output<typeof webhookSchemas.testSent>>();
  });

  it("batches", () => {
    expectTypeOf<Result<typeof createBatch>>().toEqualTypeOf<z.output<typeof batchSchemas.createdBatch>>();
    expectTypeOf<Result<typeof getBatch>>().toEqualTypeOf<z.output<typeof batchSchemas.batch>>();
    expectTypeOf<Result<typeof cancelBatch>>().toEqualTypeOf<z.output<typeof batchSchemas.batch>>();
    expectTypeOf<Result<typeof listBatches>>().toEqualTypeOf<z.output<typeof batchSchemas.batchPage>>();
    expectTypeOf<Result<typeof listAllBatches>>().toEqualTypeOf<z.output<typeof batchSchemas.adminBatchPage>>();
    expectTypeOf<Result<typeof listBatchVideos>>().toEqualTypeOf<z.output<typeof batchSchemas.batchVideoPage>>();
    expectTypeOf<Result<typeof retryFailedBatchItems>>().toEqualTypeOf<z.output<typeof batchSchemas.retriedBatch>>();
  });

  it("credits, billing, admin and account", () => {
    expectTypeOf<Result<typeof getBalance>>().toEqualTypeOf<z.output<typeof creditSchemas.balance>>();
    expectTypeOf<Result<typeof listPackages>>().toEqualTypeOf<z.output<typeof creditSchemas.creditPackagePage>>();
    expectTypeOf<Result<typeof creditHistory>>().toEqualTypeOf<z.output<typeof creditSchemas.ledgerPage>>();
    expectTypeOf<Result<typeof adjustCredits>>().toEqualTypeOf<z.output<typeof creditSchemas.adjustResult>>();
    expectTypeOf<Result<typeof getCreditAlerts>>().toEqualTypeOf<z.output<typeof creditSchemas.alerts>>();
    expectTypeOf<Result<typeof getBillingOverview>>().toEqualTypeOf<z.output<typeof billingSchemas.billingOverview>>();
    expectTypeOf<Result<typeof productCatalogue>>().toEqualTypeOf<z.output<typeof billingSchemas.productCatalogue>>();
    expectTypeOf<Result<typeof adminStats>>().toEqualTypeOf<z.output<typeof adminSchemas.adminStats>>();
    expectTypeOf<Result<typeof listUsersWithBalances>>().toEqualTypeOf<z.output<typeof adminSchemas.adminUserPage>>();
    expectTypeOf<Result<typeof deleteAccount>>().toEqualTypeOf<z.output<typeof deleteAccountResult>>();
  });

  it("usage", () => {
    expectTypeOf<Result<typeof usageSummary>>().toEqualTypeOf<z.output<typeof usageSchemas.usageGroups>>();
    expectTypeOf<Result<typeof listApiRequests>>().toEqualTypeOf<z.output<typeof usageSchemas.apiRequestPage>>();
  });
});

describe("services' results parse with their response schemas", () => {
  beforeAll(() => {
    Object.assign(process.env, {
      DEMO_PROVIDER: "on",
      STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-schemas-")),
    });
  });

  it("catalogues", () => {
    for (const model of modelCatalogue()) expectWireShape(videoSchemas.catalogueModel, model);
    expectWireShape(billingSchemas.productCatalogue, productCatalogue());
  });

  it("a user's videos, credits and billing", async () => {
    const userId = await userWithCredits("schemas");
    const admin = await createUser("schemas-admin");
    await adjustCredits({ user: { id: userId }, credits: 5, reason: "schema test", actorId: admin, expiresInDays: 3 });
    const video = await generateVideo(userId, klingSpec("a lighthouse at dusk"));

    expectWireShape(videoSchemas.video, await getVideo(userId, video.uuid));
    expectWireShape(videoSchemas.videoPage, await listVideos(userId, { limit: 1 }));
    expectWireShape(videoSchemas.videoProgress, await getVideoStatus(userId, video.uuid));
    expectWireShape(presignedUpload, await presignImageUpload(userId, { contentType: "image/png", size: 100 }));
    expectWireShape(creditSchemas.balance, await getBalance(userId));
    expectWireShape(creditSchemas.alerts, await getCreditAlerts(userId));
    expectWireShape(creditSchemas.creditPackagePage, await listPackages(userId, { limit: 1 }));
    expectWireShape(creditSchemas.ledgerPage, await creditHistory(userId, { limit: 2 }));
    expectWireShape(billingSchemas.billingOverview, await getBillingOverview(userId));
    expectWireShape(adminSchemas.adminStats, await adminStats(adminSchemas.statsQuery.parse({ days: "2" })));
    expectWireShape(adminSchemas.adminUserPage, await listUsersWithBalances({ limit: 2 }));
    expectWireShape(videoSchemas.deletedVideo, await deleteVideo(userId, video.uuid));
  });
});
