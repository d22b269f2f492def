"use client";

import { useCallback, useEffect, useState } from "react";
import { RangePicker } from "@/components/range-picker";
import { ScrollRegion } from "@/components/scroll-region";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useApiData } from "@/hooks/use-api-data";
import { type AdminStats, utcDayAgo } from "@/lib/admin-stats";
import { api } from "@/lib/api";
import { AccessSection } from "./access-section";
import { ActivitySection } from "./activity-section";
import { GrantForm } from "./grant-form";
import { VideoList } from "./video-list";

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

export function AdminDashboard({ adminEmail }: { adminEmail: string }) {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [usersError, setUsersError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [range, setRange] = useState({ from: utcDayAgo(13), to: utcDayAgo(0) });
  // useApiData shows only the latest range's answer (the first load may answer after a range picked since).
  const { data: stats, error: statsError } = useApiData<AdminStats>(
    `/api/v1/admin/stats?from=${range.from}&to=${range.to}`,
    "Could not load statistics.",
  );
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

  useEffect(() => {
    const timer = setTimeout(() => void loadUsers(search), 250);
    return () => clearTimeout(timer);
  }, [search, loadUsers]);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Admin</h1>
        <span className="text-sm text-muted-foreground">Signed in as {adminEmail}</span>
      </div>

      <RangePicker range={range} onChange={setRange} />
      <ActivitySection stats={stats} error={statsError} />
      <AccessSection range={range} />

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="users-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <h2 id="users-heading" className="mr-auto text-lg font-semibold">
              Users
            </h2>
            <Label className="flex-col items-stretch gap-1.5">
              <span>Search users</span>
              <Input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Email or name"
                data-testid="admin-user-search"
              />
            </Label>
          </div>
          {usersError && (
            <Alert variant="destructive">
              <AlertDescription>{usersError}</AlertDescription>
            </Alert>
          )}
          <ScrollRegion label="Users table (scrolls sideways)" className="rounded-xl border bg-card shadow-xs">
            <table className="w-full text-sm" data-testid="admin-users">
              <caption className="sr-only">Users, newest first, with their credit balances</caption>
              <thead className="border-b bg-muted/60 text-left text-xs text-muted-foreground">
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
              <tbody className="divide-y divide-border">
                {users === null ? (
                  <tr>
                    <td colSpan={7} className="p-3 text-muted-foreground">
                      Loading…
                    </td>
                  </tr>
                ) : users.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="p-3 text-muted-foreground">
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
                      <td className={`p-2 text-right tabular-nums ${u.debt > 0 ? "text-destructive" : ""}`}>
                        {u.debt}
                      </td>
                      <td className="whitespace-nowrap p-2 text-muted-foreground">
                        {new Date(u.createdAt).toLocaleDateString()}
                      </td>
                      <td className="p-2">
                        <Button
                          variant="outline"
                          size="sm"
                          className="h-7"
                          onClick={() => setGrantEmail(u.email)}
                          aria-label={`Adjust credits for ${u.email}`}
                        >
                          Adjust
                        </Button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </ScrollRegion>
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
