"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Radio, Switch } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api, describeError } from "@/lib/api";
import type { VideoView } from "@/lib/video";
import { EmbedCode } from "./embed-code";

type Visibility = VideoView["visibility"];
const VISIBILITIES: Visibility[] = ["private", "unlisted", "public"];

/** The owner's sharing settings, saved together by PATCH; the server validates the domains and says which one is wrong. */
export function SharingPanel({ video, onSaved }: { video: VideoView; onSaved: (v: VideoView) => void }) {
  const t = useTranslations("video.sharing");
  const [visibility, setVisibility] = useState(video.visibility);
  const [allowEmbed, setAllowEmbed] = useState(video.allowEmbed);
  const [allowDownload, setAllowDownload] = useState(video.allowDownload);
  const [domains, setDomains] = useState(video.embedDomains.join("\n"));
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({
    kind: "idle",
  });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "saving" });
    const embedDomains = domains
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    try {
      const saved = await api<VideoView>(`/api/v1/video/${video.uuid}`, {
        method: "PATCH",
        body: { visibility, allowEmbed, allowDownload, embedDomains },
      });
      onSaved(saved);
      setDomains(saved.embedDomains.join("\n"));
      setState({ kind: "saved" });
    } catch (e) {
      setState({ kind: "error", message: describeError(e, t("failed")) });
    }
  }

  const edited = () => state.kind === "saved" && setState({ kind: "idle" });
  return (
    <SectionCard id="sharing-title" title={t("title")} contentClassName="flex flex-col gap-4">
      <form onSubmit={save} onChange={edited} className="flex flex-col gap-4" data-testid="sharing-form">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t("visibility")}</legend>
          {VISIBILITIES.map((v) => (
            <label key={v} className="flex items-start gap-2 text-sm">
              <Radio
                name="visibility"
                value={v}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
                className="mt-0.5"
              />
              <span>
                <span className="font-medium">{t(`${v}.label`)}</span>
                <span className="text-muted-foreground"> — {t(`${v}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <SwitchField label={t("allowEmbed")} checked={allowEmbed} onChange={setAllowEmbed} />
        <SwitchField label={t("allowDownload")} checked={allowDownload} onChange={setAllowDownload} />
        <Label className="flex-col items-stretch gap-1.5">
          <span>{t("embedDomains")}</span>
          <Textarea
            rows={3}
            value={domains}
            onChange={(e) => setDomains(e.target.value)}
            data-testid="embed-domains"
            placeholder="example.com"
            className="font-mono text-xs"
          />
          <span className="text-xs font-normal text-muted-foreground">{t("embedDomainsHint")}</span>
        </Label>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={state.kind === "saving"} data-testid="sharing-save">
            {state.kind === "saving" ? t("saving") : t("save")}
          </Button>
          {state.kind === "saved" && (
            <span role="status" data-testid="sharing-saved" className="text-sm text-success">
              {t("saved")}
            </span>
          )}
          {state.kind === "error" && (
            <span role="alert" data-testid="sharing-error" className="text-sm text-destructive">
              {state.message}
            </span>
          )}
        </div>
      </form>
      <EmbedCode key={`${video.visibility}:${video.allowEmbed}:${video.embedDomains.join(",")}`} video={video} />
    </SectionCard>
  );
}

function SwitchField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-3 text-sm">
      <Switch checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="font-medium">{label}</span>
    </label>
  );
}
