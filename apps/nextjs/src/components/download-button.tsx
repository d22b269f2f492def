"use client";

import { DownloadIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type Refusal, RefusalNote, refusalOf } from "@/components/refusal-note";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, describeError } from "@/lib/api";

/** Asks the download door for a link and follows it; a refusal says why instead. */
export function DownloadButton({
  uuid,
  owner,
  testId = "download",
}: {
  uuid: string;
  owner: boolean;
  testId?: string;
}) {
  const t = useTranslations("video");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setRefusal(null);
    setError(null);
    try {
      const { url } = await api<{ url: string }>(`/api/v1/video/${uuid}/download`);
      window.location.href = url;
    } catch (e) {
      const refused = refusalOf(e);
      if (refused) setRefusal(refused);
      else setError(describeError(e, t("failed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button variant="outline" disabled={busy} onClick={download} data-testid={testId} className="self-start">
        <DownloadIcon aria-hidden />
        {t("download")}
      </Button>
      {refusal && <RefusalNote refusal={refusal} owner={owner} testId={`${testId}-refused`} />}
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
