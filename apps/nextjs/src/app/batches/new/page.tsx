"use client";

import { checkTemplate, combinationCount, expandTemplate } from "@videofly/common/batch-template";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api } from "@/lib/api";

interface Model {
  id: string;
  name: string;
  durations: number[];
  aspectRatios: string[];
  qualities: string[];
  prices: { mode: string; quality: string; duration: number; credits: number }[];
}
interface Variable {
  name: string;
  /** One value a line, as typed. */
  values: string;
}

const PREVIEW_ROWS = 10;
const select = "rounded-md border border-slate-300 px-2 py-1.5";

const valuesOf = (v: Variable) =>
  v.values
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export default function NewBatchPage() {
  const t = useTranslations("batches");
  const [models, setModels] = useState<Model[]>([]);
  const [available, setAvailable] = useState<number | null>(null);
  const [modelId, setModelId] = useState("");
  const [duration, setDuration] = useState(0);
  const [aspectRatio, setAspectRatio] = useState("");
  const [quality, setQuality] = useState("");
  const [template, setTemplate] = useState("A {animal} in {style} style");
  const [variables, setVariables] = useState<Variable[]>([
    { name: "animal", values: "cat\ndog" },
    { name: "style", values: "ink" },
  ]);
  const [error, setError] = useState<string | null>(null);
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
      .catch(() => setAvailable(null));
  }, []);

  const model = models.find((m) => m.id === modelId);
  const price =
    model?.prices.find((p) => p.mode === "TEXT_TO_VIDEO" && p.quality === quality && p.duration === duration)
      ?.credits ?? null;
  const record = useMemo(() => Object.fromEntries(variables.map((v) => [v.name.trim(), valuesOf(v)])), [variables]);
  // The same checks and expansion the API applies, so the preview is what will be made.
  const issues = useMemo(() => checkTemplate(template, record), [template, record]);
  const count = issues.length ? 0 : combinationCount(record);
  const prompts = useMemo(
    () => (issues.length ? [] : expandTemplate(template, record).slice(0, PREVIEW_ROWS)),
    [issues, template, record],
  );
  const total = price === null ? null : price * count;
  const short = total !== null && available !== null && total > available;

  function pickModel(id: string) {
    const m = models.find((x) => x.id === id);
    if (!m) return;
    setModelId(id);
    if (!m.durations.includes(duration)) setDuration(m.durations[0] ?? 0);
    if (!m.aspectRatios.includes(aspectRatio)) setAspectRatio(m.aspectRatios[0] ?? "");
    if (!m.qualities.includes(quality)) setQuality(m.qualities[0] ?? "");
  }

  const setVariable = (i: number, patch: Partial<Variable>) =>
    setVariables((list) => list.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const created = await api<{ id: string }>("/api/v1/batches", {
        method: "POST",
        body: { model: modelId, mode: "TEXT_TO_VIDEO", duration, aspectRatio, quality, template, variables: record },
      });
      window.location.href = `/batches/${created.id}`;
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
        <div className="flex flex-wrap gap-2 text-sm">
          <select
            aria-label={t("model")}
            className={select}
            value={modelId}
            onChange={(e) => pickModel(e.target.value)}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t("duration")}
            className={select}
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
          >
            {model?.durations.map((d) => (
              <option key={d} value={d}>
                {d} s
              </option>
            ))}
          </select>
          <select
            aria-label={t("aspectRatio")}
            className={select}
            value={aspectRatio}
            onChange={(e) => setAspectRatio(e.target.value)}
          >
            {model?.aspectRatios.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          <select
            aria-label={t("quality")}
            className={select}
            value={quality}
            onChange={(e) => setQuality(e.target.value)}
          >
            {model?.qualities.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </div>
        <label className="flex flex-col gap-1 text-sm">
          {t("template")}
          <textarea
            className="rounded-md border border-slate-300 p-2"
            rows={3}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            data-testid="batch-template"
          />
        </label>
        {variables.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a name may be typed twice
          <div key={i} className="flex gap-2 text-sm" data-testid="batch-variable">
            <input
              aria-label={t("variableName")}
              className="w-32 rounded-md border border-slate-300 px-2 py-1.5"
              value={v.name}
              onChange={(e) => setVariable(i, { name: e.target.value })}
              data-testid="batch-variable-name"
            />
            <textarea
              aria-label={t("variableValues")}
              className="flex-1 rounded-md border border-slate-300 p-2"
              rows={3}
              value={v.values}
              onChange={(e) => setVariable(i, { values: e.target.value })}
              data-testid="batch-variable-values"
            />
            <button
              type="button"
              className="self-start text-slate-500"
              onClick={() => setVariables((list) => list.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="w-fit text-sm text-indigo-600"
          onClick={() => setVariables((list) => [...list, { name: "", values: "" }])}
          data-testid="batch-add-variable"
        >
          {t("addVariable")}
        </button>
        <button
          type="submit"
          disabled={busy || count === 0 || short}
          className="w-fit rounded-md bg-indigo-600 px-4 py-2 text-sm text-white disabled:opacity-50"
          data-testid="batch-submit"
        >
          {t("start", { count })}
        </button>
        {error && (
          <p className="text-sm text-red-700" role="alert" data-testid="batch-error">
            {error}
          </p>
        )}
      </form>
      <section className="flex flex-col gap-2 text-sm" aria-label={t("preview")}>
        <h2 className="font-semibold">{t("preview")}</h2>
        {issues.length ? (
          <ul className="text-red-700" data-testid="batch-issues">
            {issues.map((issue) => (
              <li key={`${issue.path.join(".")}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        ) : (
          <ol className="list-decimal pl-5" data-testid="batch-preview">
            {prompts.map((p) => (
              <li key={p.prompt}>{p.prompt}</li>
            ))}
            {count > PREVIEW_ROWS && (
              <li className="list-none text-slate-500">{t("more", { n: count - PREVIEW_ROWS })}</li>
            )}
          </ol>
        )}
        <p data-testid="batch-cost" data-short={short ? "true" : "false"}>
          {t("cost", { count, total: total ?? 0, available: available ?? 0 })}
        </p>
        {short && <p className="text-red-700">{t("short")}</p>}
      </section>
    </div>
  );
}
