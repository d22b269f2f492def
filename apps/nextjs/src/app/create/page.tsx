"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api } from "@/lib/api";

type Mode = "TEXT_TO_VIDEO" | "IMAGE_TO_VIDEO";
interface Model {
  id: string;
  name: string;
  modes: Mode[];
  durations: number[];
  aspectRatios: string[];
  qualities: string[];
  prices: { mode: Mode; quality: string; duration: number; credits: number }[];
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export default function CreatePage() {
  const t = useTranslations("create");
  const [models, setModels] = useState<Model[]>([]);
  const [available, setAvailable] = useState<number | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [modelId, setModelId] = useState("");
  const [mode, setMode] = useState<Mode>("TEXT_TO_VIDEO");
  const [duration, setDuration] = useState(0);
  const [aspectRatio, setAspectRatio] = useState("");
  const [quality, setQuality] = useState("");
  const [prompt, setPrompt] = useState("");
  const [image, setImage] = useState<File | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Model[]>("/api/v1/config/models").then((list) => {
      setModels(list);
      const first = list[0];
      if (first) {
        setModelId(first.id);
        setDuration(first.durations[0] ?? 0);
        setAspectRatio(first.aspectRatios[0] ?? "");
        setQuality(first.qualities[0] ?? "");
      }
    });
    api<{ available: number }>("/api/v1/credit/balance")
      .then((b) => setAvailable(b.available))
      .catch((e: unknown) => e instanceof ApiError && e.status === 401 && setSignedOut(true));
  }, []);

  const model = models.find((m) => m.id === modelId);
  const cost = useMemo(
    () =>
      model?.prices.find((p) => p.mode === mode && p.quality === quality && p.duration === duration)?.credits ?? null,
    [model, mode, quality, duration],
  );
  const imageProblem =
    image && !IMAGE_TYPES.includes(image.type)
      ? t("imageType")
      : image && image.size > MAX_IMAGE_BYTES
        ? t("imageSize")
        : null;
  const short = cost !== null && available !== null && cost > available;

  function pickModel(id: string) {
    const m = models.find((x) => x.id === id);
    if (!m) return;
    setModelId(id);
    if (!m.modes.includes(mode)) setMode(m.modes[0] ?? "TEXT_TO_VIDEO");
    if (!m.durations.includes(duration)) setDuration(m.durations[0] ?? 0);
    if (!m.aspectRatios.includes(aspectRatio)) setAspectRatio(m.aspectRatios[0] ?? "");
    if (!m.qualities.includes(quality)) setQuality(m.qualities[0] ?? "");
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      let imageUrl: string | undefined;
      if (mode === "IMAGE_TO_VIDEO") {
        if (!image || imageProblem) throw new ApiError(400, "E4004", imageProblem ?? t("chooseImage"));
        const presigned = await api<{ fileUrl: string; upload: { url: string; headers: Record<string, string> } }>(
          "/api/v1/upload/presign",
          {
            method: "POST",
            body: { contentType: image.type, size: image.size },
          },
        );
        const put = await fetch(presigned.upload.url, {
          method: "PUT",
          headers: presigned.upload.headers,
          body: image,
        });
        if (!put.ok) throw new ApiError(put.status, "E5002", "Uploading the image failed.");
        imageUrl = presigned.fileUrl;
      }
      const video = await api<{ uuid: string }>("/api/v1/video/generate", {
        method: "POST",
        body: { model: modelId, mode, prompt, duration, aspectRatio, quality, imageUrl },
      });
      window.location.href = `/videos/${video.uuid}`;
    } catch (e) {
      setError(
        e instanceof ApiError
          ? { code: e.code, message: e.message }
          : { code: "E5000", message: "Something went wrong." },
      );
    } finally {
      setBusy(false);
    }
  }

  if (signedOut) {
    return (
      <p className="text-center">
        <Link href="/sign-in" className="text-indigo-600">
          {t("signInFirst")}
        </Link>
      </p>
    );
  }

  const select = "rounded-md border border-slate-300 bg-white px-3 py-2";
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_16rem]">
      <form
        className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <fieldset className="flex gap-2" aria-label="Mode">
          {(["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"] as const).map((m) => (
            <label
              key={m}
              className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${mode === m ? "border-indigo-600 bg-indigo-50" : "border-slate-300"}`}
            >
              <input
                type="radio"
                name="mode"
                className="sr-only"
                checked={mode === m}
                disabled={!model?.modes.includes(m)}
                onChange={() => setMode(m)}
              />
              {m === "TEXT_TO_VIDEO" ? t("textToVideo") : t("imageToVideo")}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1 text-sm">
          {t("prompt")}
          <textarea
            name="prompt"
            required
            maxLength={2000}
            rows={4}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        {mode === "IMAGE_TO_VIDEO" && (
          <label className="flex flex-col gap-1 text-sm">
            {t("image")}
            <input type="file" accept={IMAGE_TYPES.join(",")} onChange={(e) => setImage(e.target.files?.[0] ?? null)} />
            {image && !imageProblem && (
              // biome-ignore lint/performance/noImgElement: a local blob preview; next/image cannot optimise it
              <img
                src={URL.createObjectURL(image)}
                alt="Preview of the chosen"
                className="mt-2 max-h-40 rounded-md object-contain"
              />
            )}
            {imageProblem && <span className="text-red-700">{imageProblem}</span>}
          </label>
        )}
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <label className="flex flex-col gap-1 text-sm">
            {t("model")}
            <select name="model" value={modelId} onChange={(e) => pickModel(e.target.value)} className={select}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("duration")}
            <select
              name="duration"
              value={duration}
              onChange={(e) => setDuration(Number(e.target.value))}
              className={select}
            >
              {model?.durations.map((d) => (
                <option key={d} value={d}>
                  {d} s
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("aspectRatio")}
            <select
              name="aspectRatio"
              value={aspectRatio}
              onChange={(e) => setAspectRatio(e.target.value)}
              className={select}
            >
              {model?.aspectRatios.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("quality")}
            <select name="quality" value={quality} onChange={(e) => setQuality(e.target.value)} className={select}>
              {model?.qualities.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
        </div>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="create-error">
            {error.message}{" "}
            {error.code === "E4001" && (
              <Link href="/pricing" className="font-medium underline">
                {t("moreCredits")}
              </Link>
            )}
          </p>
        )}
        <button
          type="submit"
          disabled={busy || short || !prompt.trim()}
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {busy ? t("starting") : t("generate", { cost: cost ?? "…" })}
        </button>
      </form>
      <aside className="flex h-fit flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <p>
          {t("cost")}: <strong data-testid="cost">{cost ?? "…"}</strong> {t("credits")}
        </p>
        <p>
          {t("available")}: <strong data-testid="available">{available ?? "…"}</strong> {t("credits")}
        </p>
        {short && (
          <p role="status" className="text-red-700" data-testid="short">
            {t("short")}{" "}
            <Link href="/pricing" className="font-medium underline">
              {t("seePricing")}
            </Link>
          </p>
        )}
      </aside>
    </div>
  );
}
