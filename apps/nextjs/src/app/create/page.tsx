"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ImageField } from "@/components/image-field";
import { LipsyncFields, type LipsyncState } from "@/components/lipsync-fields";
import { ModelSelects, ModeSwitch } from "@/components/model-settings";
import { ProjectPicker } from "@/components/project-picker";
import { ApiError, api } from "@/lib/api";
import { useAvailableCredits, useModelChoice } from "@/lib/models";
import { imageProblem, uploadImage } from "@/lib/upload";

export default function CreatePage() {
  const t = useTranslations("create");
  const tImage = useTranslations("imageField");
  const { models, lipsyncModels, model, choice, update, cost: promptCost } = useModelChoice();
  const { available, signedOut } = useAvailableCredits();
  const [prompt, setPrompt] = useState("");
  const [image, setImage] = useState<File | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [projectId, setProjectId] = useState<string | null>(null);
  // Lip-sync is a mode of its own models and form; the other modes keep their choice meanwhile.
  const [lipsync, setLipsync] = useState(false);
  const [lipsyncState, setLipsyncState] = useState<LipsyncState>({ body: null, credits: null });
  const cost = lipsync ? lipsyncState.credits : promptCost;
  // `/create?project=<id>` (the project page's "new video") starts it in that project.
  useEffect(() => setProjectId(new URLSearchParams(window.location.search).get("project")), []);
  const short = cost !== null && available !== null && cost > available;

  async function submit() {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const project = projectId ? { projectId } : {};
      if (lipsync) {
        if (!lipsyncState.body) return;
        const video = await api<{ uuid: string }>("/api/v1/video/generate", {
          method: "POST",
          body: { ...lipsyncState.body, ...project },
        });
        window.location.href = `/videos/${video.uuid}`;
        return;
      }
      let imageUrl: string | undefined;
      if (choice.mode === "IMAGE_TO_VIDEO") {
        const problem = imageProblem(image);
        if (!image || problem) throw new ApiError(400, "E4004", tImage(problem ?? "chooseImage"));
        imageUrl = await uploadImage(image);
      }
      const video = await api<{ uuid: string }>("/api/v1/video/generate", {
        method: "POST",
        body: { ...choice, prompt, imageUrl, ...project },
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
        <Link href="/sign-in" className="text-primary">
          {t("signInFirst")}
        </Link>
      </p>
    );
  }

  return (
    <div className="grid gap-6 md:grid-cols-[1fr_16rem]">
      <form
        className="flex flex-col gap-4 rounded-xl border border-border bg-card p-6 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="flex flex-wrap items-baseline gap-3">
          <h1 className="mr-auto text-2xl font-semibold">{t("title")}</h1>
          <Link href="/batches/new" className="text-sm text-primary hover:underline">
            {t("manyAtOnce")}
          </Link>
        </div>
        {choice && (
          <ModeSwitch
            mode={lipsync ? "LIPSYNC" : choice.mode}
            offered={[...(model?.modes ?? []), ...(lipsyncModels.length > 0 ? ["LIPSYNC" as const] : [])]}
            onChange={(mode) => {
              setLipsync(mode === "LIPSYNC");
              if (mode !== "LIPSYNC") update({ mode });
            }}
          />
        )}
        {lipsync ? (
          <LipsyncFields models={lipsyncModels} onChange={setLipsyncState} />
        ) : (
          <>
            <label className="flex flex-col gap-1 text-sm">
              {t("prompt")}
              <textarea
                name="prompt"
                required
                maxLength={2000}
                rows={4}
                value={prompt}
                onChange={(e) => setPrompt(e.target.value)}
                className="rounded-md border border-input px-3 py-2"
              />
            </label>
            {choice?.mode === "IMAGE_TO_VIDEO" && <ImageField image={image} onChange={setImage} />}
            {choice && <ModelSelects models={models} model={model} choice={choice} onChange={update} />}
          </>
        )}
        <ProjectPicker value={projectId} onChange={setProjectId} />
        {error && (
          <p
            role="alert"
            className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
            data-testid="create-error"
          >
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
          disabled={busy || short || !choice || (lipsync ? !lipsyncState.body : !prompt.trim())}
          className="rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-60"
        >
          {busy ? t("starting") : t("generate", { cost: cost ?? "…" })}
        </button>
      </form>
      <aside className="flex h-fit flex-col gap-2 rounded-xl border border-border bg-card p-4 text-sm shadow-sm">
        <p>
          {t("cost")}: <strong data-testid="cost">{cost ?? "…"}</strong> {t("credits")}
        </p>
        <p>
          {t("available")}: <strong data-testid="available">{available ?? "…"}</strong> {t("credits")}
        </p>
        {short && (
          <p role="status" className="text-destructive" data-testid="short">
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
