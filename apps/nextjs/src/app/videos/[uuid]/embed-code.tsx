"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { type Refusal, RefusalNote, refusalOf } from "@/components/refusal-note";
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
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  if (!embed) return null;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor="embed-code" className="font-medium">
        {t("embedCode")}
      </label>
      <textarea
        id="embed-code"
        ref={field}
        readOnly
        rows={3}
        data-testid="embed-code"
        className="rounded-md border border-input bg-muted/50 px-3 py-2 font-mono text-xs"
        value={embed.iframe}
      />
      <button
        type="button"
        onClick={copy}
        data-testid="embed-copy"
        className="self-start rounded-md border border-input px-3 py-1.5"
      >
        {copied ? t("copied") : t("copy")}
      </button>
    </div>
  );
}
