"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { ImageField } from "@/components/image-field";
import { ModelSelects, ModeSwitch } from "@/components/model-settings";
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
        <Link href="/sign-in" className="text-primary">
          {t("signInFirst")}
        </Link>
      </p>
    );
  }

  const tab = (k: Kind) =>
    `cursor-pointer rounded-md border px-3 py-1.5 text-sm ${kind === k ? "border-primary bg-primary/10" : "border-input"}`;
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
      <form
        className="flex min-w-0 flex-col gap-4 rounded-xl border border-border bg-card p-6 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {choice && <ModeSwitch mode={choice.mode} offered={model?.modes ?? []} onChange={(mode) => update({ mode })} />}
        {choice && <ModelSelects models={models} model={model} choice={choice} onChange={update} />}
        {choice?.mode === "IMAGE_TO_VIDEO" && <ImageField image={image} onChange={setImage} />}
        <fieldset className="flex gap-2" aria-label={t("kind")}>
          {(["template", "items"] as const).map((k) => (
            <label key={k} className={tab(k)}>
              <input
                type="radio"
                name="kind"
                className="sr-only"
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`kind-${k}`}
              />
              {k === "template" ? t("kindTemplate") : t("kindItems")}
            </label>
          ))}
        </fieldset>
        {kind === "template" ? (
          <TemplateEditor template={template} onTemplate={setTemplate} rows={rows} onRows={setRows} />
        ) : (
          <label className="flex flex-col gap-1 text-sm">
            {t("items")}
            <textarea
              value={items}
              onChange={(e) => setItems(e.target.value)}
              rows={8}
              placeholder={t("itemsPlaceholder")}
              className="rounded-md border border-input px-3 py-2"
              data-testid="batch-items"
            />
          </label>
        )}
        <label className="flex flex-col gap-1 text-sm">
          {t("negativePrompt")}
          <input
            value={negativePrompt}
            onChange={(e) => setNegativePrompt(e.target.value)}
            maxLength={2000}
            className="rounded-md border border-input px-3 py-2"
          />
        </label>
        {error && (
          <p
            role="alert"
            className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
            data-testid="batch-error"
          >
            {error.message}{" "}
            {error.short && (
              <Link href="/pricing" className="font-medium underline">
                {t("seePricing")}
              </Link>
            )}
          </p>
        )}
        <button
          type="submit"
          disabled={busy || short || !choice || preview.issues.length > 0 || preview.count === 0}
          className="rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-60"
          data-testid="batch-submit"
        >
          {busy
            ? t("starting")
            : preview.count > 0
              ? t("start", { count: preview.count, total: total ?? "…" })
              : t("startNothing")}
        </button>
      </form>
      <BatchPreview preview={preview} costPerVideo={cost} available={available} />
    </div>
  );
}
