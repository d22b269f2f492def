"use client";

import { placeholdersOf } from "@videofly/common/batch-template";
import { useTranslations } from "next-intl";
import { type VariableRow, VariablesEditor } from "./variables-editor";

/**
 * A prompt template with `{name}` placeholders, and its variables. Each placeholder is shown as a
 * chip; one without a variable offers to add it.
 */
export function TemplateEditor({
  template,
  onTemplate,
  rows,
  onRows,
}: {
  template: string;
  onTemplate: (template: string) => void;
  rows: VariableRow[];
  onRows: (rows: VariableRow[]) => void;
}) {
  const t = useTranslations("batchNew");
  const names = new Set(rows.map((r) => r.name.trim()));
  const placeholders = [...placeholdersOf(template)];
  const add = (name = "") => onRows([...rows, { id: Math.max(0, ...rows.map((r) => r.id)) + 1, name, values: "" }]);

  return (
    <div className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm">
        {t("template")}
        <textarea
          value={template}
          onChange={(e) => onTemplate(e.target.value)}
          maxLength={2000}
          rows={3}
          placeholder={t("templatePlaceholder")}
          className="rounded-md border border-input px-3 py-2 font-mono"
          data-testid="batch-template"
        />
        <span className="text-xs text-muted-foreground">{t("templateHint")}</span>
      </label>
      {placeholders.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-xs" aria-label={t("placeholders")} data-testid="placeholders">
          {placeholders.map((name) =>
            names.has(name) ? (
              <li key={name} className="rounded-full bg-success/15 px-2 py-0.5 font-mono text-success">
                {`{${name}}`}
              </li>
            ) : (
              <li key={name}>
                <button
                  type="button"
                  onClick={() => add(name)}
                  className="rounded-full border border-dashed border-destructive/40 px-2 py-0.5 font-mono text-destructive hover:bg-destructive/10"
                  data-testid="add-placeholder-variable"
                >
                  {t("addVariableFor", { placeholder: `{${name}}` })}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <VariablesEditor rows={rows} onChange={onRows} />
      <button
        type="button"
        onClick={() => add()}
        className="w-fit rounded-md border border-input px-3 py-1.5 text-sm hover:border-primary"
        data-testid="add-variable"
      >
        {t("addVariable")}
      </button>
    </div>
  );
}
