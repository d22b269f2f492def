import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AppError, createMailer, mailConfig } from "@videofly/common";
import { type SmtpCapture, startSmtpCapture } from "@videofly/common/testing";
import { db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminUpdateApiKey,
  createApiKey,
  listAllApiKeys,
  listApiKeys,
  revokeApiKey,
  updateApiKey,
} from "../src/api-keys.ts";
import { auth, createAuth } from "../src/auth.ts";
import { authConfig } from "../src/config.ts";
import { API_SCOPES } from "../src/scopes.ts";
import { getRequestIdentity, hasScope } from "../src/session.ts";

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.stop());

let users = 0;
async function newUser(label = "user") {
  users += 1;
  const id = `usr${users}${label}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 32);
  return db().user.create({ data: { id, email: `${label}-${users}@example.com`, name: label } });
}

const withKey = (key: string) => new Headers({ "x-api-key": key });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("creating and listing keys", () => {
  it("makes a vf_live_ key shown once, with its scopes, expiry, limit and addresses", async () => {
    const user = await newUser("creator");
    const before = Date.now();
    const created = await createApiKey(user.id, {
      name: "  nightly export ",
      scopes: ["credits:read", "videos:write", "videos:read"],
      expiresInDays: 30,
      rateLimitPerMinute: 120,
      allowedIps: ["203.0.113.7", "10.1.2.3/16", "2001:DB8:0:0::1", "10.1.0.0/16"],
    });
    expect(created.key).toMatch(/^vf_live_[A-Za-z]{64}$/);
    expect(created).toMatchObject({
      name: "nightly export",
      prefix: created.key.slice(0, 12),
      scopes: ["videos:read", "videos:write", "credits:read"],
      rateLimitPerMinute: 120,
      allowedIps: ["203.0.113.7", "10.1.0.0/16", "2001:db8::1"],
      enabled: true,
    });
    const days = ((created.expiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    // Stored hashed; the scopes as the plugin's permissions.
    const row = await db().apikey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.key).not.toBe(created.key);
    expect(JSON.parse(row.permissions ?? "null")).toEqual({ videos: ["read", "write"], credits: ["read"] });
  });

  it("lists the user's keys newest first, without any secret, and when each was last used", async () => {
    const user = await newUser("lister");
    const other = await newUser("stranger");
    const first = await createApiKey(user.id, { name: "first", scopes: ["videos:read"] });
    const second = await createApiKey(user.id, { name: "second", scopes: [...API_SCOPES] });
    await createApiKey(other.id, { name: "not mine", scopes: ["videos:read"] });

    const listed = await listApiKeys(user.id);
    expect(listed.map((k) => k.name)).toEqual(["second", "first"]);
    expect(listed[0]).toMatchObject({ scopes: [...API_SCOPES], expiresAt: null, lastUsedAt: null, allowedIps: null });
    const text = JSON.stringify(listed);
    for (const secret of [first.key, second.key]) expect(text).not.toContain(secret.slice(12));
    expect(listed.every((k) => !("key" in k))).toBe(true);

    expect(await getRequestIdentity(withKey(first.key))).not.toBeNull();
    const used = (await listApiKeys(user.id)).find((k) => k.id === first.id);
    expect(used?.lastUsedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses bad input with VALIDATION_FAILED naming the field", async () => {
    const user = await newUser("validated");
    const cases: [unknown, string][] = [
      [{ name: "", scopes: ["videos:read"] }, "body.name"],
      [{ name: "x".repeat(65), scopes: ["videos:read"] }, "body.name"],
      [{ name: "k", scopes: [] }, "body.scopes"],
      [{ name: "k", scopes: ["videos:read", "videos:read"] }, "body.scopes"],
      [{ name: "k", scopes: ["videos:delete"] }, "body.scopes.0"],
      [{ name: "k", scopes: ["videos:read"], expiresInDays: 0 }, "body.expiresInDays"],
      [{ name: "k", scopes: ["videos:read"], expiresInDays: 366 }, "body.expiresInDays"],
      [{ name: "k", scopes: ["videos:read"], expiresInDays: 1.5 }, "body.expiresInDays"],
      [{ name: "k", scopes: ["videos:read"], rateLimitPerMinute: 0 }, "body.rateLimitPerMinute"],
      [{ name: "k", scopes: ["videos:read"], rateLimitPerMinute: 10_001 }, "body.rateLimitPerMinute"],
      [{ name: "k", scopes: ["videos:read"], allowedIps: ["10.0.0.1/33"] }, "body.allowedIps.0"],
      [{ name: "k", scopes: ["videos:read"], allowedIps: ["localhost"] }, "body.allowedIps.0"],
      [
        { name: "k", scopes: ["videos:read"], allowedIps: Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`) },
        "body.allowedIps",
      ],
      [{ name: "k", scopes: ["videos:read"], userId: "someone-else" }, "body"],
    ];
    for (const [input, field] of cases) {
      const error = await refusal(createApiKey(user.id, input as never));
      expect(error.errorName, field).toBe("VALIDATION_FAILED");
      const fields = (error.details as { fields: { field: string }[] }).fields.map((f) => f.field);
      expect(fields, JSON.stringify(input)).toContain(field);
    }
    expect(await db().apikey.count({ where: { referenceId: user.id } })).toBe(0);
  });
});

describe("a key's identity", () => {
  it("carries the key's scopes and restrictions; a session has every scope", async () => {
    const user = await newUser("identity");
    const created = await createApiKey(user.id, {
      name: "reader",
      scopes: ["videos:read", "usage:read"],
      rateLimitPerMinute: 5,
      allowedIps: ["192.0.2.0/24"],
    });
    for (const headers of [withKey(created.key), new Headers({ authorization: `Bearer ${created.key}` })]) {
      const identity = await getRequestIdentity(headers);
      expect(identity).toMatchObject({
        via: "api_key",
        user: { id: user.id },
        scopes: ["videos:read", "usage:read"],
        key: { id: created.id, rateLimitPerMinute: 5, allowedIps: ["192.0.2.0/24"] },
      });
      expect(identity && hasScope(identity, "videos:read")).toBe(true);
      expect(identity && hasScope(identity, "videos:write")).toBe(false);
    }

    const mail = createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: smtp.url }));
    const signUp = await createAuth(authConfig({ NODE_ENV: "test" }), db(), mail).api.signUpEmail({
      body: { email: "session-scopes@example.com", password: "correct horse battery", name: "s" },
      asResponse: true,
    });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const session = await getRequestIdentity(new Headers({ cookie }));
    expect(session).toMatchObject({ via: "session", scopes: [...API_SCOPES] });
    expect(session?.key).toBeUndefined();
  });

  it("still accepts keys of the older vf_ form by Bearer; one without permissions has no scope", async () => {
    const user = await newUser("legacy");
    const legacy = await auth().api.createApiKey({ body: { userId: user.id, name: "old", prefix: "vf_" } });
    expect(legacy.key.startsWith("vf_live_")).toBe(false);
    const identity = await getRequestIdentity(new Headers({ authorization: `Bearer ${legacy.key}` }));
    expect(identity).toMatchObject({ via: "api_key", scopes: [], key: { rateLimitPerMinute: null, allowedIps: null } });

    // The migration that came with scopes gives such keys every scope, as they had before.
    const migrations = path.resolve(import.meta.dirname, "../../../prisma/migrations");
    const dir = readdirSync(migrations).find((name) => name.endsWith("_api_key_scopes")) ?? "missing";
    await pool().query(readFileSync(path.join(migrations, dir, "migration.sql"), "utf8"));
    const after = await getRequestIdentity(new Headers({ authorization: `Bearer ${legacy.key}` }));
    expect(after?.scopes).toEqual([...API_SCOPES]);
  });

  it("is null at once for a revoked, disabled or expired key", async () => {
    const user = await newUser("refused");
    const make = () => createApiKey(user.id, { name: "k", scopes: ["videos:read"], expiresInDays: 1 });
    const [revoked, disabled, expired] = await Promise.all([make(), make(), make()]);
    for (const k of [revoked, disabled, expired]) expect(await getRequestIdentity(withKey(k.key))).not.toBeNull();

    await revokeApiKey(user.id, revoked.id);
    expect(await getRequestIdentity(withKey(revoked.key))).toBeNull();
    expect((await refusal(revokeApiKey(user.id, revoked.id))).errorName).toBe("NOT_FOUND");

    expect((await updateApiKey(user.id, disabled.id, { enabled: false })).enabled).toBe(false);
    expect(await getRequestIdentity(withKey(disabled.key))).toBeNull();
    await updateApiKey(user.id, disabled.id, { enabled: true });
    expect(await getRequestIdentity(withKey(disabled.key))).not.toBeNull();

    await db().apikey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getRequestIdentity(withKey(expired.key))).toBeNull();
  });

  it("refuses a key whose stored restrictions cannot be read rather than lifting them", async () => {
    const user = await newUser("corrupt");
    const created = await createApiKey(user.id, { name: "k", scopes: ["videos:read"], allowedIps: ["192.0.2.1"] });
    await db().apikey.update({ where: { id: created.id }, data: { metadata: '{"allowedIps":"192.0.2.1"}' } });
    expect(await getRequestIdentity(withKey(created.key))).toBeNull();
  });
});

describe("changing and revoking keys", () => {
  it("changes name, scopes, limit, addresses and enabled; another user's key is NOT_FOUND", async () => {
    const owner = await newUser("owner");
    const intruder = await newUser("intruder");
    const created = await createApiKey(owner.id, { name: "k", scopes: ["videos:read"], rateLimitPerMinute: 10 });

    const updated = await updateApiKey(owner.id, created.id, {
      name: "renamed",
      scopes: ["batches:write", "batches:read"],
      allowedIps: ["198.51.100.0/24"],
    });
    expect(updated).toMatchObject({
      name: "renamed",
      scopes: ["batches:read", "batches:write"],
      rateLimitPerMinute: 10,
      allowedIps: ["198.51.100.0/24"],
      enabled: true,
    });
    expect(await getRequestIdentity(withKey(created.key))).toMatchObject({ scopes: ["batches:read", "batches:write"] });
    // null lifts a restriction; the other fields stay.
    expect(await updateApiKey(owner.id, created.id, { rateLimitPerMinute: null, allowedIps: [] })).toMatchObject({
      name: "renamed",
      rateLimitPerMinute: null,
      allowedIps: null,
    });

    // Thunks, not promises: a refusal made before its turn would be an unhandled rejection.
    for (const attempt of [
      () => updateApiKey(intruder.id, created.id, { enabled: false }),
      () => revokeApiKey(intruder.id, created.id),
      () => updateApiKey(owner.id, "no-such-key", { enabled: false }),
    ]) {
      expect((await refusal(attempt())).errorName).toBe("NOT_FOUND");
    }
    expect(await getRequestIdentity(withKey(created.key))).not.toBeNull();
    expect((await refusal(updateApiKey(owner.id, created.id, {}))).errorName).toBe("VALIDATION_FAILED");
  });

  it("keeps every field of concurrent patches to one key", async () => {
    const user = await newUser("concurrent");
    const created = await createApiKey(user.id, { name: "k", scopes: ["videos:read"] });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? updateApiKey(user.id, created.id, { rateLimitPerMinute: 100 })
          : updateApiKey(user.id, created.id, { allowedIps: ["192.0.2.9"] }),
      ),
    );
    expect((await listApiKeys(user.id))[0]).toMatchObject({ rateLimitPerMinute: 100, allowedIps: ["192.0.2.9"] });
  });
});

describe("admin views", () => {
  it("pages through every user's keys with their owner, and disables or limits any key", async () => {
    const [a, b] = [await newUser("admin-a"), await newUser("admin-b")];
    const mine = await Promise.all(
      [a, b, a, b, a].map((u, i) => createApiKey(u.id, { name: `k${i}`, scopes: ["videos:read"] })),
    );
    const total = await db().apikey.count();

    const seen: { id: string; owner: { id: string; email: string } }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAllApiKeys({ cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((k) => k.id)).size).toBe(total);
    for (const [i, key] of mine.entries()) {
      const owner = i % 2 === 0 ? a : b;
      expect(seen.find((k) => k.id === key.id)?.owner).toEqual({ id: owner.id, email: owner.email });
    }
    expect(JSON.stringify(seen)).not.toContain(mine[0]?.key.slice(12));

    const target = mine[1];
    if (!target) throw new Error("no key");
    const disabled = await adminUpdateApiKey(target.id, { enabled: false, rateLimitPerMinute: 7 });
    expect(disabled).toMatchObject({ enabled: false, rateLimitPerMinute: 7, owner: { id: b.id } });
    expect(await getRequestIdentity(withKey(target.key))).toBeNull();
    await adminUpdateApiKey(target.id, { enabled: true });
    expect(await getRequestIdentity(withKey(target.key))).toMatchObject({ key: { rateLimitPerMinute: 7 } });

    expect((await refusal(adminUpdateApiKey("no-such-key", { enabled: false }))).errorName).toBe("NOT_FOUND");
    const badCursor = await refusal(listAllApiKeys({ cursor: "bm90LWEtY3Vyc29y", limit: 2 }));
    expect(badCursor.details).toMatchObject({ fields: [{ field: "query.cursor" }] });
  });
});

describe("Better Auth's own api-key endpoints", () => {
  it("answer 404 over HTTP, even to a signed-in user, while server-side calls keep working", async () => {
    const mail = createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: smtp.url }));
    const instance = createAuth(authConfig({ NODE_ENV: "test" }), db(), mail);
    const signUp = await instance.api.signUpEmail({
      body: { email: "plugin-http@example.com", password: "correct horse battery", name: "p" },
      asResponse: true,
    });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const headers = { cookie, origin: "http://localhost:3000", "content-type": "application/json" };
    const base = "http://localhost:3000/api/auth/api-key";
    for (const [path, method, body] of [
      ["/create", "POST", { name: "sneaky" }],
      ["/create/", "POST", { name: "sneaky" }],
      ["/list", "GET", undefined],
      ["/get?id=x", "GET", undefined],
      ["/update", "POST", { keyId: "x", enabled: true }],
      ["/delete", "POST", { keyId: "x" }],
    ] as const) {
      const res = await instance.handler(
        new Request(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) }),
      );
      expect(res.status, path).toBe(404);
    }
    expect(await db().apikey.count({ where: { name: "sneaky" } })).toBe(0);
    const session = await instance.api.getSession({ headers: new Headers({ cookie }) });
    const made = await createApiKey(session?.user.id ?? "", { name: "ours", scopes: ["videos:read"] });
    expect(made.key.startsWith("vf_live_")).toBe(true);
  });
});
