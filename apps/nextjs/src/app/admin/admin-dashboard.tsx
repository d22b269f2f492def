"use client";

import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { ApiError, api } from "@/lib/api";
import { STATUS_STYLE, type VideoView } from "@/lib/video";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
  createdAt: string;
  available: number;
  frozen: number;
  debt: number;
}
interface DailyStat {
  day: string;
  videosCreated: number;
  videosFailed: number;
  creditsConsumed: number;
}
interface VideoRow {
  uuid: string;
  userEmail: string;
  status: VideoView["status"];
  model: string;
  prompt: string;
  creditsCost: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
}
interface Stats {
  days: number;
  daily: DailyStat[];
  totals: { videosCreated: number; videosFailed: number; creditsConsumed: number };
  recentVideos: VideoRow[];
  recentFailures: VideoRow[];
}

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const input =
  "w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-200";

export function AdminDashboard({ adminEmail }: { adminEmail: string }) {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [usersError, setUsersError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [stats, setStats] = useState<Stats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);
  const [grantEmail, setGrantEmail] = useState("");

  const loadUsers = useCallback(async (q: string) => {
    try {
      const page = await api<{ items: UserRow[] }>(`/api/v1/admin/users?limit=50&q=${encodeURIComponent(q)}`);
      setUsers(page.items);
      setUsersError(null);
    } catch (e) {
      setUsersError(e instanceof Error ? e.message : "Could not load users.");
    }
  }, []);

  const loadStats = useCallback(async () => {
    try {
      setStats(await api<Stats>("/api/v1/admin/stats"));
      setStatsError(null);
    } catch (e) {
      setStatsError(e instanceof Error ? e.message : "Could not load statistics.");
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void loadUsers(search), 250);
    return () => clearTimeout(timer);
  }, [search, loadUsers]);

  useEffect(() => {
    void loadStats();
  }, [loadStats]);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="mr-auto text-2xl font-semibold">Admin</h1>
        <span className="text-sm text-slate-500">Signed in as {adminEmail}</span>
      </div>

      <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Activity, last {stats?.days ?? 14} days (UTC)
        </h2>
        {statsError && (
          <p role="alert" className="text-sm text-red-700">
            {statsError}
          </p>
        )}
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {(
            [
              ["Videos created", stats?.totals.videosCreated, "created"],
              ["Videos failed", stats?.totals.videosFailed, "failed"],
              ["Credits consumed", stats?.totals.creditsConsumed, "consumed"],
            ] as const
          ).map(([label, value, id]) => (
            <div key={id} className={card}>
              <dt className="text-sm text-slate-500">{label}</dt>
              <dd className="text-2xl font-semibold" data-testid={`admin-total-${id}`}>
                {value ?? "…"}
              </dd>
            </div>
          ))}
        </dl>
        {stats && (
          <div className="grid gap-3 md:grid-cols-2">
            <BarChart
              title="Videos created per day"
              color="#4f46e5"
              points={stats.daily.map((d) => ({ day: d.day, value: d.videosCreated }))}
            />
            <BarChart
              title="Credits consumed per day"
              color="#059669"
              points={stats.daily.map((d) => ({ day: d.day, value: d.creditsConsumed }))}
            />
          </div>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="users-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <h2 id="users-heading" className="mr-auto text-lg font-semibold">
              Users
            </h2>
            <label className="flex flex-col gap-1 text-sm">
              <span>Search users</span>
              <input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Email or name"
                className={input}
                data-testid="admin-user-search"
              />
            </label>
          </div>
          {usersError && (
            <p role="alert" className="text-sm text-red-700">
              {usersError}
            </p>
          )}
          <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
            <table className="w-full text-sm" data-testid="admin-users">
              <caption className="sr-only">Users, newest first, with their credit balances</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="p-2">
                    Email
                  </th>
                  <th scope="col" className="p-2">
                    Role
                  </th>
                  <th scope="col" className="p-2 text-right">
                    Available
                  </th>
                  <th scope="col" className="p-2 text-right">
                    Frozen
                  </th>
                  <th scope="col" className="p-2 text-right">
                    Debt
                  </th>
                  <th scope="col" className="p-2">
                    Joined
                  </th>
                  <th scope="col" className="p-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users === null ? (
                  <tr>
                    <td colSpan={7} className="p-3 text-slate-500">
                      Loading…
                    </td>
                  </tr>
                ) : users.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="p-3 text-slate-500">
                      No users match.
                    </td>
                  </tr>
                ) : (
                  users.map((u) => (
                    <tr key={u.id} data-testid="admin-user-row">
                      <td className="max-w-56 truncate p-2" title={u.name ? `${u.name} <${u.email}>` : u.email}>
                        {u.email}
                      </td>
                      <td className="p-2">{u.role}</td>
                      <td className="p-2 text-right tabular-nums" data-testid="admin-user-available">
                        {u.available}
                      </td>
                      <td className="p-2 text-right tabular-nums">{u.frozen}</td>
                      <td className={`p-2 text-right tabular-nums ${u.debt > 0 ? "text-red-700" : ""}`}>{u.debt}</td>
                      <td className="whitespace-nowrap p-2 text-slate-500">
                        {new Date(u.createdAt).toLocaleDateString()}
                      </td>
                      <td className="p-2">
                        <button
                          type="button"
                          onClick={() => setGrantEmail(u.email)}
                          className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-200"
                          aria-label={`Adjust credits for ${u.email}`}
                        >
                          Adjust
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>

        <GrantForm
          email={grantEmail}
          onEmailChange={setGrantEmail}
          onDone={() => {
            void loadUsers(search);
          }}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <VideoList title="Recent videos" videos={stats?.recentVideos} testId="admin-recent-videos" />
        <VideoList title="Recent failures" videos={stats?.recentFailures} testId="admin-recent-failures" />
      </div>
    </div>
  );
}

function GrantForm({
  email,
  onEmailChange,
  onDone,
}: {
  email: string;
  onEmailChange: (email: string) => void;
  onDone: () => void;
}) {
  const [credits, setCredits] = useState("");
  const [reason, setReason] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const hintId = useId();
  const amount = Number(credits);
  const isGrant = Number.isInteger(amount) && amount > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!Number.isInteger(amount) || amount === 0) {
      setResult({ ok: false, message: "Credits must be a whole number other than zero." });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      await api("/api/v1/admin/credits", {
        method: "POST",
        body: {
          email: email.trim(),
          credits: amount,
          reason: reason.trim(),
          ...(isGrant && expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
        },
      });
      setResult({
        ok: true,
        message:
          amount > 0
            ? `Granted ${amount} credits to ${email.trim()}.`
            : `Deducted ${-amount} credits from ${email.trim()}.`,
      });
      setCredits("");
      setReason("");
      setExpiresInDays("");
      onDone();
    } catch (e) {
      const fields =
        e instanceof ApiError
          ? ((e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [])
          : [];
      const detail = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
      setResult({
        ok: false,
        message: `${e instanceof Error ? e.message : "The adjustment failed."}${detail ? ` (${detail})` : ""}`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="grant-heading" className={`${card} flex h-fit flex-col gap-3`}>
      <h2 id="grant-heading" className="text-lg font-semibold">
        Grant or deduct credits
      </h2>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span>User email</span>
          <input
            type="email"
            required
            value={email}
            onChange={(e) => onEmailChange(e.target.value)}
            className={input}
            data-testid="admin-grant-email"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Credits</span>
          <input
            type="number"
            required
            step={1}
            inputMode="numeric"
            value={credits}
            onChange={(e) => setCredits(e.target.value)}
            aria-describedby={hintId}
            className={input}
            data-testid="admin-grant-credits"
          />
          <span id={hintId} className="text-xs text-slate-500">
            Positive to grant, negative to deduct.
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Reason</span>
          <input
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={input}
            data-testid="admin-grant-reason"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Expires after (days, optional)</span>
          <input
            type="number"
            min={1}
            max={3650}
            step={1}
            value={expiresInDays}
            disabled={!isGrant}
            onChange={(e) => setExpiresInDays(e.target.value)}
            className={`${input} disabled:bg-slate-100`}
            data-testid="admin-grant-expiry"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:opacity-60"
          data-testid="admin-grant-submit"
        >
          {busy ? "Saving…" : amount < 0 ? "Deduct credits" : "Grant credits"}
        </button>
        <p
          role="status"
          aria-live="polite"
          data-testid="admin-grant-result"
          data-state={result ? (result.ok ? "success" : "error") : "idle"}
          className={`min-h-5 text-sm ${result?.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {result?.message ?? ""}
        </p>
      </form>
    </section>
  );
}

function BarChart({
  title,
  color,
  points,
}: {
  title: string;
  color: string;
  points: { day: string; value: number }[];
}) {
  const width = 420;
  const height = 160;
  const pad = { top: 16, bottom: 24, left: 8, right: 8 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plotHeight = height - pad.top - pad.bottom;
  const total = points.reduce((s, p) => s + p.value, 0);
  return (
    <figure className={card}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-label={`${title}: ${total} in total over ${points.length} days, at most ${max} in a day`}
      >
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#cbd5e1" />
        {total === 0 && (
          <text x={width / 2} y={height / 2} textAnchor="middle" fontSize="12" fill="#94a3b8">
            No activity yet
          </text>
        )}
        {points.map((p, i) => {
          const h = (p.value / max) * plotHeight;
          const x = pad.left + i * slot + (slot - barWidth) / 2;
          const y = height - pad.bottom - h;
          return (
            <g key={p.day}>
              <title>{`${p.day}: ${p.value}`}</title>
              <rect x={x} y={y} width={barWidth} height={Math.max(h, p.value > 0 ? 1 : 0)} rx={2} fill={color} />
              {p.value > 0 && (
                <text x={x + barWidth / 2} y={y - 3} textAnchor="middle" fontSize="10" fill="#334155">
                  {p.value}
                </text>
              )}
              {(points.length - 1 - i) % Math.ceil(points.length / 7) === 0 && (
                <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" fontSize="10" fill="#64748b">
                  {p.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function VideoList({ title, videos, testId }: { title: string; videos: VideoRow[] | undefined; testId: string }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {videos === undefined ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : videos.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-500">None.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white text-sm shadow-sm" data-testid={testId}>
          {videos.map((v) => (
            <li key={v.uuid} className="flex flex-col gap-1 p-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[v.status] ?? ""}`}>
                  {v.status}
                </span>
                <span className="truncate text-slate-700">{v.userEmail}</span>
                <span className="ml-auto whitespace-nowrap text-xs text-slate-500">
                  {new Date(v.createdAt).toLocaleString()}
                </span>
              </div>
              <span className="line-clamp-1 text-slate-600" title={v.prompt}>
                {v.model} · {v.creditsCost} cr · {v.prompt}
              </span>
              {v.errorCode && (
                <span className="font-mono text-xs text-red-700" title={v.errorMessage ?? undefined}>
                  {v.errorCode}
                  {v.errorMessage ? `: ${v.errorMessage}` : ""}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
