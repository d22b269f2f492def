"use client";

import { audioSeconds, estimatedSpeechMs, perAudioSecondCredits } from "@videofly/common/lipsync-price";
import { useTranslations } from "next-intl";
import { cloneElement, type ReactElement, useEffect, useId, useState } from "react";
import { Segmented } from "@/components/model-settings";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { type CompletedUpload, Uploader } from "@/components/uploader/uploader";
import { api } from "@/lib/api";
import type { VideoModel } from "@/lib/models";

interface Voice {
  id: string;
  name: string;
  language: string;
}

/** The lip-sync fields of POST /video/generate, as this form fills them. */
export interface LipsyncBody {
  model: string;
  mode: "LIPSYNC";
  quality: string;
  language: string;
  /** Its title: a lip-sync needs no prompt, and lists show this in its place. */
  prompt?: string;
  sourceUploadId?: string;
  imageUploadId?: string;
  audioUploadId?: string;
  script?: string;
  voice?: string;
}

/** What the form makes: the request body (null while something is missing) and its price (null while unknown). */
export interface LipsyncState {
  body: LipsyncBody | null;
  credits: number | null;
}

type SourceKind = "video" | "image";
type Speech = "audio" | "script";

/** A labelled control: the label names `children` (given an id for it). */
function Field({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <Label htmlFor={id}>{label}</Label>
      {cloneElement(children, { id })}
    </div>
  );
}

/**
 * A lip-sync's own form: the model, its source (a person's video or a portrait) and what they say
 * (an uploaded audio file, or a script read in a voice), each upload sent through the uploader;
 * quality and language; and the price, by the server's own rules (`@videofly/common/lipsync-price`).
 * `onChange` (stable, such as a state setter) gets the body and the price whenever either changes.
 */
export function LipsyncFields({ models, onChange }: { models: VideoModel[]; onChange: (state: LipsyncState) => void }) {
  const t = useTranslations("lipsync");
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const model = models.find((m) => m.id === modelId) ?? models[0];
  const [quality, setQuality] = useState(model?.qualities[0] ?? "");
  const [language, setLanguage] = useState(model?.languages?.[0] ?? "en");
  const [sourceKind, setSourceKind] = useState<SourceKind>("video");
  // Each kind keeps its upload (and its uploader stays mounted, hidden) while the other is chosen.
  const [sources, setSources] = useState<Partial<Record<SourceKind, CompletedUpload>>>({});
  const source = sources[sourceKind];
  const [speech, setSpeech] = useState<Speech>("audio");
  const [audio, setAudio] = useState<CompletedUpload | null>(null);
  const [script, setScript] = useState("");
  const [voices, setVoices] = useState<Voice[]>([]);
  const [voice, setVoice] = useState("");
  const [title, setTitle] = useState("");

  useEffect(() => {
    void api<Voice[]>("/api/v1/config/voices").then(setVoices);
  }, []);
  const offered = voices.filter((v) => v.language === language);
  const sourceField = source
    ? sourceKind === "video"
      ? { sourceUploadId: source.uploadId }
      : { imageUploadId: source.uploadId }
    : null;
  const said =
    speech === "audio" ? audio && { audioUploadId: audio.uploadId } : script.trim() && voice ? { script, voice } : null;
  const speechMs = speech === "audio" ? (audio?.durationMs ?? null) : script.trim() ? estimatedSpeechMs(script) : null;
  const seconds = speechMs ? audioSeconds(speechMs) : null;
  const rate = model?.price.kind === "per_audio_second" ? model.price.perAudioSecond[quality] : undefined;
  const credits = rate !== undefined && seconds ? perAudioSecondCredits(rate, seconds) : null;

  // Notified when the state changes (by value): pass a stable onChange, such as a state setter.
  const state = JSON.stringify({
    body:
      model && sourceField && said
        ? {
            model: model.id,
            mode: "LIPSYNC",
            quality,
            language,
            ...(title.trim() ? { prompt: title.trim() } : {}),
            ...sourceField,
            ...said,
          }
        : null,
    credits,
  });
  useEffect(() => onChange(JSON.parse(state) as LipsyncState), [state, onChange]);

  function chooseModel(id: string) {
    const next = models.find((m) => m.id === id);
    if (!next) return;
    setModelId(id);
    if (!next.qualities.includes(quality)) setQuality(next.qualities[0] ?? "");
    if (next.languages && !next.languages.includes(language)) setLanguage(next.languages[0] ?? "en");
  }

  if (!model) return null;
  return (
    <fieldset className="flex flex-col gap-4" aria-label={t("title")} data-testid="lipsync-fields">
      <Field label={t("titleLabel")}>
        <Input name="prompt" maxLength={2000} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label={t("model")}>
          <NativeSelect name="model" className="w-full" value={model.id} onChange={(e) => chooseModel(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("quality")}>
          <NativeSelect name="quality" className="w-full" value={quality} onChange={(e) => setQuality(e.target.value)}>
            {model.qualities.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("language")}>
          <NativeSelect
            name="language"
            className="w-full"
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          >
            {(model.languages ?? ["en"]).map((l) => (
              <option key={l}>{l}</option>
            ))}
          </NativeSelect>
        </Field>
      </div>

      <div className="flex flex-col gap-2">
        <Segmented
          label={t("source")}
          options={["video", "image"] as const}
          value={sourceKind}
          text={(k) => t(`sourceKind.${k}`)}
          onChange={setSourceKind}
        />
        {(["video", "image"] as const).map((k) => (
          <div key={k} hidden={k !== sourceKind}>
            <Uploader purpose={k} onComplete={(upload) => setSources((all) => ({ ...all, [k]: upload }))} />
          </div>
        ))}
        {!source && <p className="text-sm text-warning">{t("needSource")}</p>}
      </div>

      <div className="flex flex-col gap-2">
        <Segmented
          label={t("speech")}
          options={["audio", "script"] as const}
          value={speech}
          text={(s) => t(s)}
          onChange={setSpeech}
        />
        <div hidden={speech !== "audio"}>
          <Uploader purpose="audio" onComplete={setAudio} />
        </div>
        {speech === "audio" ? (
          !audio && <p className="text-sm text-warning">{t("needAudio")}</p>
        ) : (
          <>
            <Field label={t("scriptLabel")}>
              <Textarea
                name="script"
                rows={4}
                maxLength={5000}
                value={script}
                onChange={(e) => setScript(e.target.value)}
              />
            </Field>
            <Field label={t("voice")}>
              <NativeSelect name="voice" className="w-full" value={voice} onChange={(e) => setVoice(e.target.value)}>
                <option value="">{t("chooseVoice")}</option>
                {offered.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            {offered.length === 0 && <p className="text-sm text-warning">{t("noVoice")}</p>}
            <p className="text-xs text-muted-foreground">{t("scriptEstimate", { seconds: seconds ?? 0 })}</p>
          </>
        )}
      </div>

      {rate !== undefined && (
        <p className="text-sm text-muted-foreground" data-testid="lipsync-price">
          {credits !== null && seconds ? t("cost", { credits, seconds }) : t("rate", { rate })}
        </p>
      )}
    </fieldset>
  );
}
