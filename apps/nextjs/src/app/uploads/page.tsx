"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { type CompletedUpload, Uploader } from "@/components/uploader/uploader";

/** Where a large video or audio is uploaded ahead of a lip-sync; the create form takes its upload id. */
export default function UploadsPage() {
  const t = useTranslations("uploader");
  const [uploaded, setUploaded] = useState<CompletedUpload[]>([]);
  const add = (upload: CompletedUpload) => setUploaded((list) => [upload, ...list]);
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">{t("pageTitle")}</h1>
        <p className="text-sm text-muted-foreground">{t("pageIntro")}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <Uploader purpose="video" onComplete={add} />
        <Uploader purpose="audio" onComplete={add} />
        {uploaded.length > 0 && (
          <ul className="flex flex-col gap-1 text-sm" data-testid="uploaded">
            {uploaded.map((u) => (
              <li key={u.uploadId}>
                {t("uploaded", { id: u.uploadId, mime: u.mime, size: (u.size / (1024 * 1024)).toFixed(1) })}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
