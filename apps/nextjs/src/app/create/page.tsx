"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { GenerationQueue, type QueueVideo } from "@/components/generation-queue";
import { ImageField } from "@/components/image-field";
import { LipsyncFields, type LipsyncState } from "@/components/lipsync-fields";
import { ModelSelects, ModeSwitch } from "@/components/model-settings";
import { ProjectPicker } from "@/components/project-picker";
import { PromptField } from "@/components/prompt-field";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ApiError, api } from "@/lib/api";
import { useAvailableCredits, useModelChoice } from "@/lib/models";
import { imageProblem, uploadImage } from "@/lib/upload";
import { toastSubmitError } from "./error-toast";

export default function CreatePage() {
  const t = useTranslations("create");
  const tImage = useTranslations("imageField");
  const router = useRouter();
  const { models, lipsyncModels, model, choice, update, cost: promptCost } = useModelChoice();
  const { available, signedOut, reload: reloadCredits } = useAvailableCredits();
  const [prompt, setPrompt] = useState("");
  const [image, setImage] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [added, setAdded] = useState<QueueVideo | null>(null);
  // Lip-sync is a mode of its own models and form; the other modes keep their choice meanwhile.
  const [lipsync, setLipsync] = useState(false);
  const [lipsyncState, setLipsyncState] = useState<LipsyncState>({ body: null, credits: null });
  const cost = lipsync ? lipsyncState.credits : promptCost;
  // `/create?project=<id>` (the project page's "new video") starts it in that project.
  useEffect(() => setProjectId(new URLSearchParams(window.location.search).get("project")), []);
  const short = cost !== null && available !== null && cost > available;

  async function body(): Promise<Record<string, unknown> | null> {
    const project = projectId ? { projectId } : {};
    if (lipsync) return lipsyncState.body && { ...lipsyncState.body, ...project };
    if (!choice) return null;
    let imageUrl: string | undefined;
    if (choice.mode === "IMAGE_TO_VIDEO") {
      const problem = imageProblem(image);
      if (!image || problem) throw new ApiError(400, "E4004", tImage(problem ?? "chooseImage"));
      imageUrl = await uploadImage(image);
    }
    return { ...choice, prompt, imageUrl, ...project };
  }

  // The new video joins the queue on this page, so the next one can be started at once.
  async function submit() {
    setBusy(true);
    try {
      const request = await body();
      if (!request) return;
      setAdded(await api<QueueVideo>("/api/v1/video/generate", { method: "POST", body: request }));
      reloadCredits();
    } catch (e) {
      toastSubmitError(
        e,
        {
          failed: t("failed"),
          pricing: t("seePricing"),
          shortDescription: t("shortNext"),
          busyDescription: t("busyNext"),
        },
        () => router.push("/pricing"),
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

  const ready = choice && (lipsync ? lipsyncState.body : prompt.trim());
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <Card>
        <CardContent>
          <form
            className="flex flex-col gap-5"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="flex flex-wrap items-baseline gap-3">
              <h1 className="mr-auto text-2xl font-semibold tracking-tight">{t("title")}</h1>
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
                <PromptField value={prompt} onChange={setPrompt} />
                {choice?.mode === "IMAGE_TO_VIDEO" && <ImageField image={image} onChange={setImage} />}
                {choice && <ModelSelects models={models} model={model} choice={choice} onChange={update} />}
              </>
            )}
            <ProjectPicker value={projectId} onChange={setProjectId} />
            <div className="flex flex-col gap-2 border-t border-border pt-4 sm:flex-row sm:items-center">
              <p className="mr-auto text-sm text-muted-foreground">
                {t("cost")}: <strong data-testid="cost">{cost ?? "…"}</strong> · {t("available")}:{" "}
                <strong data-testid="available">{available ?? "…"}</strong>
              </p>
              <Button type="submit" size="lg" disabled={busy || short || !ready}>
                {busy ? t("starting") : cost === null ? t("generateUnpriced") : t("generate", { credits: cost })}
              </Button>
            </div>
            {short && (
              <p role="status" className="text-sm text-destructive" data-testid="short">
                {t("short")}{" "}
                <Link href="/pricing" className="font-medium underline">
                  {t("seePricing")}
                </Link>
              </p>
            )}
          </form>
        </CardContent>
      </Card>
      <GenerationQueue added={added} />
    </div>
  );
}
