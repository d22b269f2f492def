"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { VideoModel } from "@/lib/models";

const select = "rounded-md border border-slate-300 bg-white px-3 py-2";

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
  sourceUploadId?: string;
  imageUploadId?: string;
  audioUploadId?: string;
  script?: string;
  voice?: string;
}

/** Mirrors the server's rule (video/voices.ts): 2.5 words a second, whole seconds, at least 1. */
const scriptSeconds = (script: string) =>
  Math.max(1, Math.ceil(script.trim().split(/\s+/).filter(Boolean).length / 2.5));

/**
 * The options of a lip-sync, beside the uploads the page makes (their ids come in as props):
 * quality, language, and the audio or a script with a voice, with the price of its seconds.
 * `onChange` (stable, such as a state setter) gets the request body, or null while something is missing.
 */
export function LipsyncFields({
  model,
  sourceUploadId,
  imageUploadId,
  audioUploadId,
  audioDurationMs,
  onChange,
}: {
  model: VideoModel;
  sourceUploadId?: string;
  imageUploadId?: string;
  audioUploadId?: string;
  audioDurationMs?: number;
  onChange: (body: LipsyncBody | null) => void;
}) {
  const t = useTranslations("lipsync");
  const [quality, setQuality] = useState(model.qualities[0] ?? "");
  const [language, setLanguage] = useState(model.languages?.[0] ?? "en");
  const [speech, setSpeech] = useState<"audio" | "script">("audio");
  const [script, setScript] = useState("");
  const [voices, setVoices] = useState<Voice[]>([]);
  const [voice, setVoice] = useState("");

  useEffect(() => {
    void api<Voice[]>("/api/v1/config/voices").then(setVoices);
  }, []);
  const offered = voices.filter((v) => v.language === language);
  const source = sourceUploadId ? { sourceUploadId } : imageUploadId ? { imageUploadId } : null;
  const said =
    speech === "audio" ? (audioUploadId ? { audioUploadId } : null) : script.trim() && voice ? { script, voice } : null;
  const seconds =
    speech === "audio" ? (audioDurationMs ? Math.ceil(audioDurationMs / 1000) : null) : scriptSeconds(script);
  const rate = model.price.kind === "per_audio_second" ? model.price.perAudioSecond[quality] : undefined;

  // Notified when the body changes (by value): pass a stable onChange, such as a state setter.
  const body = JSON.stringify(
    source && said ? { model: model.id, mode: "LIPSYNC", quality, language, ...source, ...said } : null,
  );
  useEffect(() => onChange(JSON.parse(body) as LipsyncBody | null), [body, onChange]);

  return (
    <fieldset className="flex flex-col gap-3" aria-label={t("title")}>
      {!source && <p className="text-sm text-amber-700">{t("needSource")}</p>}
      <div className="grid grid-cols-2 gap-3">
        <label className="flex flex-col gap-1 text-sm">
          {t("quality")}
          <select name="quality" className={select} value={quality} onChange={(e) => setQuality(e.target.value)}>
            {model.qualities.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("language")}
          <select name="language" className={select} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {(model.languages ?? ["en"]).map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex gap-2 text-sm" role="radiogroup" aria-label={t("speech")}>
        {(["audio", "script"] as const).map((s) => (
          <label key={s} className="flex items-center gap-1">
            <input type="radio" name="speech" checked={speech === s} onChange={() => setSpeech(s)} />
            {t(s)}
          </label>
        ))}
      </div>
      {speech === "audio" && !audioUploadId && <p className="text-sm text-amber-700">{t("needAudio")}</p>}
      {speech === "script" && (
        <>
          <label className="flex flex-col gap-1 text-sm">
            {t("scriptLabel")}
            <textarea
              name="script"
              className={select}
              rows={4}
              value={script}
              onChange={(e) => setScript(e.target.value)}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("voice")}
            <select name="voice" className={select} value={voice} onChange={(e) => setVoice(e.target.value)}>
              <option value="" />
              {offered.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
          <p className="text-xs text-slate-500">{t("scriptEstimate", { seconds: scriptSeconds(script) })}</p>
        </>
      )}
      {rate !== undefined && (
        <p className="text-sm text-slate-600">
          {seconds
            ? t("cost", { credits: Math.max(1, Math.ceil(Math.round(seconds * rate * 100) / 100)), seconds })
            : t("rate", { rate })}
        </p>
      )}
    </fieldset>
  );
}
