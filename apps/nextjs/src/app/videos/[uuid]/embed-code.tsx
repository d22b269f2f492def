"use client";

import { CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { type Refusal, RefusalNote, refusalOf } from "@/components/refusal-note";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api, describeError } from "@/lib/api";
import type { VideoView } from "@/lib/video";

type Embed = { playerUrl: string; iframe: string; badge: boolean };

/**
 * The embed snippet, from the embed door, for the saved settings. When they cannot allow an embed
 * the door is not asked: the note says what to change. The panel remounts it when they change.
 */
export function EmbedCode({ video }: { video: VideoView }) {
  const t = useTranslations("video.sharing");
  const [embed, setEmbed] = useState<Embed | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const closedBy = video.visibility === "private" ? "private" : video.allowEmbed ? null : "embed_not_allowed";

  useEffect(() => {
    setEmbed(null);
    setRefusal(null);
    setError(null);
    if (closedBy) return;
    api<Embed>(`/api/v1/video/${video.uuid}/embed`).then(setEmbed, (e) => {
      const refused = refusalOf(e);
      if (refused) setRefusal(refused);
      else setError(describeError(e, t("failed")));
    });
  }, [video.uuid, closedBy, t]);

  async function copy() {
    if (!embed) return;
    try {
      await navigator.clipboard.writeText(embed.iframe);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C instead.
      field.current?.select();
    }
    setCopied(true);
  }

  if (closedBy) return <RefusalNote refusal={{ reason: closedBy, message: "" }} owner testId="embed-closed" />;
  if (refusal) return <RefusalNote refusal={refusal} owner testId="embed-closed" />;
  if (error)
    return (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  if (!embed) return null;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <Label htmlFor="embed-code">{t("embedCode")}</Label>
      <Textarea
        id="embed-code"
        ref={field}
        readOnly
        rows={3}
        data-testid="embed-code"
        className="bg-muted/50 font-mono text-xs"
        value={embed.iframe}
      />
      <Button variant="outline" size="sm" onClick={copy} data-testid="embed-copy" className="self-start">
        <CopyIcon aria-hidden />
        {copied ? t("copied") : t("copy")}
      </Button>
    </div>
  );
}
