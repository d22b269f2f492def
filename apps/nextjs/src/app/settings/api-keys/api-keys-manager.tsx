"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CardList } from "@/components/card-list";
import { useApiData } from "@/hooks/use-api-data";
import type { ApiKey, CreatedApiKey } from "@/lib/api-keys";
import { CreateKeyForm } from "./create-key-form";
import { KeyCard } from "./key-card";
import { NewKeyDialog } from "./new-key-dialog";

export function ApiKeysManager({ scopes }: { scopes: string[] }) {
  const t = useTranslations("apiKeys");
  const { data: keys, error, reload: load } = useApiData<ApiKey[]>("/api/v1/api-keys", t("loadFailed"));
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">
          {t.rich("intro", {
            docs: (chunks) => (
              // The reference is a large interactive page: load it when asked for, not on every visit here.
              <Link
                href="/docs/api"
                prefetch={false}
                className="text-primary underline underline-offset-4 hover:no-underline"
                data-testid="api-docs-link"
              >
                {chunks}
              </Link>
            ),
            usage: (chunks) => (
              <a
                href="/api/v1/usage?groupBy=key"
                className="text-primary underline underline-offset-4 hover:no-underline"
              >
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

      <CardList
        heading={t("yourKeys")}
        items={keys}
        card={(key) => <KeyCard key={key.id} apiKey={key} onChanged={() => void load()} />}
        loadingText={t("loading")}
        emptyText={t("empty")}
        error={error}
        testId="api-keys"
      />

      {created && <NewKeyDialog created={created} onClose={() => setCreated(null)} />}
    </div>
  );
}
