"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { ImageField } from "@/components/image-field";
import { ModelSelects, ModeSwitch } from "@/components/model-settings";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { ApiError, api, describeError } from "@/lib/api";
import type { CreatedBatch } from "@/lib/batches";
import { useAvailableCredits, useModelChoice } from "@/lib/models";
import { imageProblem, uploadImage } from "@/lib/upload";
import { BatchPreview } from "./batch-preview";
import { itemPrompts, itemsPreview, templatePreview } from "./preview";
import { TemplateEditor } from "./template-editor";
import { type VariableRow, valuesOf } from "./variables-editor";

type Kind = "template" | "items";

/** A new batch: shared model settings, then a template with variables or a list of prompts. */
export default function NewBatchPage() {
  const t = useTranslations("batchNew");
  const tImage = useTranslations("imageField");
  const { models, model, choice, update, cost } = useModelChoice();
  const { available, signedOut } = useAvailableCredits();
  const [kind, setKind] = useState<Kind>("template");
  const [template, setTemplate] = useState("");
  const [rows, setRows] = useState<VariableRow[]>([]);
  const [items, setItems] = useState("");
  const [negativePrompt, setNegativePrompt] = useState("");
  const [image, setImage] = useState<File | null>(null);
  const [error, setError] = useState<{ message: string; short: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  // The same submission sent again (a double click, a retry after a lost answer) makes one batch.
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const preview = useMemo(
    () =>
      kind === "template"
        ? templatePreview(template, rows, {
            unnamed: t("unnamedIssue"),
            duplicate: (name) => t("duplicateIssue", { name }),
            noTemplate: t("noTemplateIssue"),
          })
        : itemsPreview(items, t("noItemsIssue")),
    [kind, template, rows, items, t],
  );
  const total = cost === null ? null : cost * preview.count;
  const short = total !== null && available !== null && total > available;

  function requestBody(imageUrl: string | undefined) {
    const settings = { ...choice, imageUrl, negativePrompt: negativePrompt.trim() || undefined };
    if (kind === "items") return { ...settings, items: itemPrompts(items).map((prompt) => ({ prompt })) };
    return {
      ...settings,
      template: template.trim(),
      variables: Object.fromEntries(rows.map((r) => [r.name.trim(), valuesOf(r)])),
    };
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      let imageUrl: string | undefined;
      if (choice?.mode === "IMAGE_TO_VIDEO") {
        const problem = imageProblem(image);
        if (!image || problem) throw new ApiError(400, "E4004", tImage(problem ?? "chooseImage"));
        imageUrl = await uploadImage(image);
      }
      const body = requestBody(imageUrl);
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
      const created = await api<CreatedBatch>("/api/v1/batches", {
        method: "POST",
        body: { ...body, requestId: attempt.current.key },
      });
      window.location.href = `/batches/${created.id}`;
    } catch (e) {
      const details = e instanceof ApiError && e.code === "E4001" ? (e.details as { shortfall?: number }) : null;
      setError(
        details
          ? { message: t("serverShort", { shortfall: details.shortfall ?? 0 }), short: true }
          : { message: describeError(e, t("createFailed")), short: false },
      );
      setBusy(false);
    }
  }

  if (signedOut) {
    return (
      <p className="text-center">
        <Link href="/sign-in" className="text-primary underline underline-offset-4 hover:no-underline">
          {t("signInFirst")}
        </Link>
      </p>
    );
  }

  return (
    <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
      <Card className="min-w-0">
        <CardContent>
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            {choice && (
              <ModeSwitch mode={choice.mode} offered={model?.modes ?? []} onChange={(mode) => update({ mode })} />
            )}
            {choice && <ModelSelects models={models} model={model} choice={choice} onChange={update} />}
            {choice?.mode === "IMAGE_TO_VIDEO" && <ImageField image={image} onChange={setImage} />}
            <ToggleGroup
              type="single"
              value={kind}
              // A segmented control keeps one choice: a second press on the chosen one does not clear it.
              onValueChange={(k) => k && setKind(k as Kind)}
              aria-label={t("kind")}
            >
              {(["template", "items"] as const).map((k) => (
                <ToggleGroupItem key={k} value={k} data-testid={`kind-${k}`}>
                  {k === "template" ? t("kindTemplate") : t("kindItems")}
                </ToggleGroupItem>
              ))}
            </ToggleGroup>
            {kind === "template" ? (
              <TemplateEditor template={template} onTemplate={setTemplate} rows={rows} onRows={setRows} />
            ) : (
              <Label className="flex-col items-stretch gap-1.5">
                {t("items")}
                <Textarea
                  value={items}
                  onChange={(e) => setItems(e.target.value)}
                  rows={8}
                  placeholder={t("itemsPlaceholder")}
                  data-testid="batch-items"
                />
              </Label>
            )}
            <Label className="flex-col items-stretch gap-1.5">
              {t("negativePrompt")}
              <Input value={negativePrompt} onChange={(e) => setNegativePrompt(e.target.value)} maxLength={2000} />
            </Label>
            {error && (
              <Alert variant="destructive" data-testid="batch-error">
                <AlertDescription className="block">
                  {error.message}{" "}
                  {error.short && (
                    <Link href="/pricing" className="font-medium underline underline-offset-4">
                      {t("seePricing")}
                    </Link>
                  )}
                </AlertDescription>
              </Alert>
            )}
            <Button
              type="submit"
              size="lg"
              disabled={busy || short || !choice || preview.issues.length > 0 || preview.count === 0}
              data-testid="batch-submit"
            >
              {busy
                ? t("starting")
                : preview.count === 0
                  ? t("startNothing")
                  : total === null
                    ? t("startUnpriced", { count: preview.count })
                    : t("start", { count: preview.count, total })}
            </Button>
          </form>
        </CardContent>
      </Card>
      <BatchPreview preview={preview} costPerVideo={cost} available={available} />
    </div>
  );
}
