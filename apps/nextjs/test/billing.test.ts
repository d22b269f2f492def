import { randomUUID } from "node:crypto";
import { db, pool } from "@videofly/db";
import { describe, expect, inject, it } from "vitest";
import { startAppServer, TEST_SECRETS } from "./support/app-server";
import { available, DAY, newUser, packagesOf } from "./support/billing";
import {
  customer,
  deliver,
  dispute,
  event,
  PRODUCTS,
  packCheckout,
  refund,
  sign,
  subscriptionCheckout,
  subscriptionEntity,
} from "./support/creem";
import { api } from "./support/http";

// These tests look into (and once disturb) the running app's own database.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "5";

const processed = () => db().processedWebhookEvent.count();

describe("Creem webhook: purchases", () => {
  it("grants a pack's credits once per order, however often the event is delivered", async () => {
    const u = await newUser("pack");
    const { orderId, body } = packCheckout({ userId: u.userId, customer: u.customer });
    const first = await deliver(body);
    expect(first).toMatchObject({ status: 200, body: { data: { outcome: "processed" } } });
    expect(await deliver(body)).toMatchObject({ status: 200, body: { data: { outcome: "duplicate" } } });

    const packages = await packagesOf(u.userId);
    const pack = packages.find((p) => p.source === "PURCHASE");
    expect(pack).toMatchObject({ grantKey: `creem:order:${orderId}`, initialCredits: 100 });
    const days = ((pack?.expiresAt?.getTime() ?? 0) - Date.now()) / DAY;
    expect(Math.round(days)).toBe(365);
    expect(await available(u.cookie)).toMatchObject({ available: 150 });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.userId } })).creemCustomerId).toBe(u.customer.id);
  });

  it("applies 50 concurrent copies of one event once", async () => {
    const u = await newUser("burst");
    const { body } = packCheckout({ userId: u.userId, customer: u.customer });
    const results = await Promise.all(Array.from({ length: 50 }, () => deliver(body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body?.data?.outcome === "processed")).toHaveLength(1);
    expect((await packagesOf(u.userId)).filter((p) => p.source === "PURCHASE")).toHaveLength(1);
  });

  it("claws a disputed pack back", async () => {
    const u = await newUser("dispute");
    const { orderId, body } = packCheckout({ userId: u.userId, customer: u.customer });
    await deliver(body);
    expect(await deliver(dispute({ amount: 990, paid: 990, orderId }))).toMatchObject({ status: 200 });
    // The pack's 100 credits go; the sign-up bonus stays.
    expect(await available(u.cookie)).toMatchObject({ available: 50, debt: 0 });
  });
});

describe("Creem webhook: subscriptions", () => {
  it("grants each period once: checkout, then renewal after renewal", async () => {
    const u = await newUser("sub");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    expect(
      (await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 })))
        .status,
    ).toBe(200);
    const paid = (periodStart: Date) =>
      event(
        "subscription.paid",
        subscriptionEntity({
          subscriptionId,
          productId: PRODUCTS.monthly,
          customer: u.customer,
          userId: u.userId,
          periodStart,
        }),
      );
    // Creem also reports the first payment as subscription.paid: same period, no second grant.
    await deliver(paid(p1));
    const p2 = new Date(p1.getTime() + 30 * DAY);
    const p3 = new Date(p2.getTime() + 30 * DAY);
    await deliver(paid(p2));
    await deliver(paid(p2));
    await deliver(paid(p3));
    const subscriptionPackages = (await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION");
    expect(subscriptionPackages.map((p) => p.grantKey)).toEqual([
      `creem:subscription:${subscriptionId}:${p1.toISOString()}`,
      `creem:subscription:${subscriptionId}:${p2.toISOString()}`,
      `creem:subscription:${subscriptionId}:${p3.toISOString()}`,
    ]);
    expect(subscriptionPackages.every((p) => p.initialCredits === 600)).toBe(true);

    const billing = await api<{ plan: { key: string }; subscription: { status: string; active: boolean } }>(
      "/api/v1/user/billing",
      {
        headers: { cookie: u.cookie },
      },
    );
    expect(billing.body.data).toMatchObject({
      plan: { key: "pro_monthly" },
      subscription: { status: "active", active: true },
    });
  });

  it("handles a renewal that arrives before the checkout event", async () => {
    const u = await newUser("early");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    const paidFirst = event(
      "subscription.paid",
      subscriptionEntity({
        subscriptionId,
        productId: PRODUCTS.monthly,
        customer: u.customer,
        userId: u.userId,
        periodStart: p1,
      }),
    );
    expect(await deliver(paidFirst)).toMatchObject({ status: 200, body: { data: { outcome: "processed" } } });
    expect(
      await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 })),
    ).toMatchObject({
      status: 200,
    });
    expect((await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION")).toHaveLength(1);
    expect(await db().creemSubscription.findUnique({ where: { creemSubscriptionId: subscriptionId } })).toMatchObject({
      referenceId: u.userId,
      status: "active",
    });
  });

  it("claws back a refunded period after partial spending; the debt is paid by the next renewal", async () => {
    const { holdCredits, settleHold } = await import("@videofly/common");
    const u = await newUser("refund");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 }));
    // 650 available (50 bonus + 600): spend 500.
    await holdCredits({ userId: u.userId, reference: `video:${u.userId}`, amount: 500 });
    await settleHold(`video:${u.userId}`);
    expect(await available(u.cookie)).toMatchObject({ available: 150 });

    const refunded = await deliver(refund({ amount: 1900, paid: 1900, subscriptionId, periodStart: p1 }));
    expect(refunded.status).toBe(200);
    // 600 to take back: the 150 left (the period's package first, then the newest others); 450 become debt.
    expect(await available(u.cookie)).toMatchObject({ available: 0, debt: 450 });

    const p2 = new Date(p1.getTime() + 30 * DAY);
    await deliver(
      event(
        "subscription.paid",
        subscriptionEntity({
          subscriptionId,
          productId: PRODUCTS.monthly,
          customer: u.customer,
          userId: u.userId,
          periodStart: p2,
        }),
      ),
    );
    expect(await available(u.cookie)).toMatchObject({ available: 150, debt: 0 });
    const { reconcileCredits } = await import("@videofly/common");
    expect((await reconcileCredits()).filter((p) => p.userId === u.userId)).toEqual([]);
  });

  it("keeps access after cancellation until the period ends; expiry ends it", async () => {
    const u = await newUser("cancel");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    const entity = (status: "canceled" | "expired") =>
      subscriptionEntity({
        subscriptionId,
        productId: PRODUCTS.monthly,
        customer: u.customer,
        userId: u.userId,
        periodStart: p1,
        status,
      });
    await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 }));
    await deliver(event("subscription.canceled", entity("canceled")));
    const billing = () =>
      api<{ plan: unknown; subscription: { status: string; active: boolean; cancelAtPeriodEnd: boolean } }>(
        "/api/v1/user/billing",
        {
          headers: { cookie: u.cookie },
        },
      );
    expect((await billing()).body.data).toMatchObject({
      plan: { key: "pro_monthly" },
      subscription: { status: "canceled", active: true, cancelAtPeriodEnd: true },
    });
    await deliver(event("subscription.expired", entity("expired")));
    expect((await billing()).body.data).toMatchObject({
      plan: null,
      subscription: { status: "expired", active: false },
    });
  });

  it("changes plan at the next renewal by default (UPGRADE_POLICY=next_cycle)", async () => {
    const u = await newUser("upgrade");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 }));
    const yearly = (periodStart: Date) =>
      subscriptionEntity({
        subscriptionId,
        productId: PRODUCTS.yearly,
        customer: u.customer,
        userId: u.userId,
        periodStart,
      });
    await deliver(event("subscription.update", yearly(p1)));
    expect((await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION")).toHaveLength(1);
    expect(await db().creemSubscription.findUnique({ where: { creemSubscriptionId: subscriptionId } })).toMatchObject({
      productId: PRODUCTS.monthly,
    });
    const p2 = new Date(p1.getTime() + 30 * DAY);
    await deliver(event("subscription.paid", yearly(p2)));
    const grants = (await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION").map((p) => p.initialCredits);
    expect(grants).toEqual([600, 7200]);
  });
});

describe("Creem webhook: what it refuses", () => {
  it("rejects forged, mismatched, missing, empty and oversized deliveries without changing anything", async () => {
    const u = await newUser("forged");
    const { body } = packCheckout({ userId: u.userId, customer: u.customer });
    const raw = JSON.stringify(body);
    const before = { events: await processed(), packages: (await packagesOf(u.userId)).length };

    expect((await deliver(body, { signature: sign(raw, "not-the-secret") })).status).toBe(401);
    expect((await deliver(body, { signature: sign(`${raw} `) })).status).toBe(401);
    expect((await deliver(body, { signature: null })).status).toBe(401);
    expect((await deliver(body, { signature: "zz" })).status).toBe(401);
    expect((await deliver(null, { rawBody: "", signature: sign("") })).status).toBe(400);
    expect((await deliver(null, { rawBody: "{not json", signature: sign("{not json") })).status).toBe(400);
    const missingFields = JSON.stringify({
      id: "evt_x",
      eventType: "checkout.completed",
      created_at: Date.now(),
      object: { id: "ch" },
    });
    expect((await deliver(null, { rawBody: missingFields, signature: sign(missingFields) })).status).toBe(400);
    const huge = JSON.stringify({ ...body, padding: "x".repeat(5 * 1024 * 1024) });
    expect((await deliver(null, { rawBody: huge, signature: sign(huge) })).status).toBe(413);

    expect(await processed()).toBe(before.events);
    expect((await packagesOf(u.userId)).length).toBe(before.packages);
  });

  it("acknowledges an event type it does not handle with 200, and records nothing", async () => {
    const before = await processed();
    const unknown = await deliver({
      id: `evt_${randomUUID()}`,
      eventType: "customer.created",
      created_at: Date.now(),
      object: { id: "c" },
    });
    expect(unknown).toMatchObject({ status: 200, body: { data: { outcome: "ignored" } } });
    expect(await processed()).toBe(before);
  });

  it("answers 5xx when processing fails midway, keeps nothing of it, and succeeds on the retry", async () => {
    const u = await newUser("midway");
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const delivery = subscriptionCheckout({
      userId: u.userId,
      customer: u.customer,
      subscriptionId,
      periodStart: new Date(Date.now() - DAY),
    });
    // A real database failure after the credits are granted: recording the subscription fails.
    const admin = pool();
    await admin.query(`CREATE FUNCTION fail_subscription() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await admin.query(`CREATE TRIGGER fail_subscription BEFORE INSERT ON creem_subscription
      FOR EACH ROW WHEN (NEW."creemSubscriptionId" = '${subscriptionId}') EXECUTE FUNCTION fail_subscription()`);
    try {
      const failed = await deliver(delivery);
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect((await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION")).toHaveLength(0);
      expect(await db().processedWebhookEvent.count({ where: { eventId: delivery.id } })).toBe(0);
    } finally {
      await admin.query("DROP TRIGGER fail_subscription ON creem_subscription");
      await admin.query("DROP FUNCTION fail_subscription()");
    }
    expect(await deliver(delivery)).toMatchObject({ status: 200, body: { data: { outcome: "processed" } } });
    expect((await packagesOf(u.userId)).filter((p) => p.source === "SUBSCRIPTION")).toHaveLength(1);
  });

  it("answers 503 for a subscription it cannot attribute to a user yet, so Creem retries", async () => {
    const stranger = customer(`nobody-${randomUUID().slice(0, 6)}@example.com`);
    const res = await deliver(
      event(
        "subscription.paid",
        subscriptionEntity({
          subscriptionId: `sub_${randomUUID().slice(0, 8)}`,
          productId: PRODUCTS.monthly,
          customer: stranger,
          periodStart: new Date(),
        }),
      ),
    );
    expect(res.status).toBe(503);
  });
});

describe("GET /api/v1/config/products", () => {
  it("lists plans and packs with credits, expiry and who may buy them", async () => {
    const { body } = await api<{
      checkoutEnabled: boolean;
      products: { key: string; credits: number; creditValidityDays: number; freeUsersMayBuy: boolean }[];
    }>("/api/v1/config/products");
    expect(body.data?.checkoutEnabled).toBe(false);
    expect(body.data?.products.map((p) => [p.key, p.credits, p.creditValidityDays, p.freeUsersMayBuy])).toEqual([
      ["pro_monthly", 600, 34, true],
      ["pro_yearly", 7200, 369, true],
      ["pack_starter", 100, 365, true],
      ["pack_creator", 500, 365, false],
    ]);
  });
});

describe("checkout through the Creem plugin", () => {
  it("is for signed-in users, for catalogue products, and subscriber-only packs need a plan", async () => {
    const app = await startAppServer({
      DATABASE_URL: inject("appDatabaseUrl"),
      CREEM_API_KEY: "creem_test_key_for_guard_tests",
      CREEM_WEBHOOK_SECRET: TEST_SECRETS.CREEM_WEBHOOK_SECRET,
    });
    try {
      const u = await newUser("checkout");
      const signIn = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseUrl },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const checkout = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${app.baseUrl}/api/auth/creem/create-checkout`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: app.baseUrl, ...headers },
          body: JSON.stringify(body),
        });
      expect((await checkout({ productId: PRODUCTS.starter })).status).toBe(401);
      expect((await checkout({ productId: "prod_not_ours" }, { cookie })).status).toBe(400);
      expect((await checkout({ productId: "prod_test_pack_creator" }, { cookie })).status).toBe(403);

      const catalogue = await fetch(`${app.baseUrl}/api/v1/config/products`).then(
        (r) => r.json() as Promise<{ data: { checkoutEnabled: boolean } }>,
      );
      expect(catalogue.data.checkoutEnabled).toBe(true);
      // The portal needs a Creem customer: a user who never paid gets a clear 400, not a crash.
      const portal = await fetch(`${app.baseUrl}/api/auth/creem/create-portal`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseUrl, cookie },
        body: "{}",
      });
      expect(portal.status).toBe(400);
    } finally {
      await app.stop();
    }
  });
});
