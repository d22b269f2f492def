"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { ApiKey, CreatedApiKey } from "@/lib/api-keys";
import { CreateKeyForm } from "./create-key-form";
import { KeyCard } from "./key-card";
import { NewKeyDialog } from "./new-key-dialog";

export function ApiKeysManager({ scopes }: { scopes: string[] }) {
  const t = useTranslations("apiKeys");
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const load = useCallback(async () => {
    try {
      setKeys(await api<ApiKey[]>("/api/v1/api-keys"));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("loadFailed"));
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">
          {t.rich("intro", {
            docs: (chunks) => (
              // The reference is a large interactive page: load it when asked for, not on every visit here.
              <Link
                href="/docs/api"
                prefetch={false}
                className="text-indigo-600 hover:underline"
                data-testid="api-docs-link"
              >
                {chunks}
              </Link>
            ),
            usage: (chunks) => (
              <a href="/api/v1/usage?groupBy=key" className="text-indigo-600 hover:underline">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>

      <CreateKeyForm
        scopes={scopes}
        onCreated={(key) => {
          setCreated(key);
          void load();
        }}
      />

      <section aria-labelledby="keys-heading" className="flex flex-col gap-3">
        <h2 id="keys-heading" className="text-lg font-semibold">
          {t("yourKeys")}
        </h2>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {keys === null ? (
          <p className="text-sm text-slate-500">{t("loading")}</p>
        ) : keys.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            {t("empty")}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="api-keys">
            {keys.map((key) => (
              <KeyCard key={key.id} apiKey={key} onChanged={() => void load()} />
            ))}
          </ul>
        )}
      </section>

      {created && <NewKeyDialog created={created} onClose={() => setCreated(null)} />}
    </div>
  );
}
