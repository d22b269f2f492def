"use client";

import { useTranslations } from "next-intl";

export interface VariableRow {
  /** Stable across renames, for React's keys. */
  id: number;
  name: string;
  /** One value per line, as typed. */
  values: string;
}

/** The values a row's text lists: one per line, trimmed, blank lines skipped. */
export const valuesOf = (row: VariableRow) =>
  row.values
    .split("\n")
    .map((v) => v.trim())
    .filter(Boolean);

/** The variables of a template: a name each, and its values one per line, shown back as chips. */
export function VariablesEditor({ rows, onChange }: { rows: VariableRow[]; onChange: (rows: VariableRow[]) => void }) {
  const t = useTranslations("batchNew");
  const change = (id: number, patch: Partial<VariableRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const removeValue = (row: VariableRow, index: number) =>
    change(row.id, {
      values: valuesOf(row)
        .filter((_, i) => i !== index)
        .join("\n"),
    });

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm">{t("variables")}</legend>
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t("noVariables")}</p>}
      {rows.map((row) => {
        const values = valuesOf(row);
        const label = row.name.trim() || t("unnamed");
        return (
          <div key={row.id} className="flex flex-col gap-2 rounded-md border border-border p-3" data-testid="variable">
            <div className="flex items-center gap-2">
              <span className="font-mono text-muted-foreground">{"{"}</span>
              <input
                value={row.name}
                onChange={(e) => change(row.id, { name: e.target.value })}
                aria-label={t("variableName")}
                placeholder={t("variableNamePlaceholder")}
                maxLength={64}
                className="w-40 rounded-md border border-input px-2 py-1 font-mono text-sm"
                data-testid="variable-name"
              />
              <span className="font-mono text-muted-foreground">{"}"}</span>
              <span className="text-xs text-muted-foreground">{t("valueCount", { count: values.length })}</span>
              <button
                type="button"
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                className="ml-auto rounded-md border border-input px-2 py-0.5 text-xs hover:border-destructive"
                aria-label={t("removeVariable", { name: label })}
              >
                {t("remove")}
              </button>
            </div>
            <textarea
              value={row.values}
              onChange={(e) => change(row.id, { values: e.target.value })}
              rows={3}
              aria-label={t("valuesOf", { name: label })}
              placeholder={t("valuesPlaceholder")}
              className="rounded-md border border-input px-3 py-2 text-sm"
              data-testid="variable-values"
            />
            {values.length > 0 && (
              <ul className="flex flex-wrap gap-1" aria-label={t("valuesOf", { name: label })}>
                {values.map((value, i) => (
                  <li
                    // Values may repeat: their place tells them apart.
                    // biome-ignore lint/suspicious/noArrayIndexKey: the index is the value's identity here
                    key={i}
                    className="flex items-center gap-1 rounded-full bg-primary/10 py-0.5 pr-1 pl-2 text-xs text-primary"
                    data-testid="variable-chip"
                  >
                    {value}
                    <button
                      type="button"
                      onClick={() => removeValue(row, i)}
                      className="rounded-full px-1 hover:bg-primary/20"
                      aria-label={t("removeValue", { value })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
