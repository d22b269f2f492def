"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

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
      <legend className="mb-1 text-sm font-medium">{t("variables")}</legend>
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t("noVariables")}</p>}
      {rows.map((row) => {
        const values = valuesOf(row);
        const label = row.name.trim() || t("unnamed");
        return (
          <div key={row.id} className="flex flex-col gap-2 rounded-md border border-border p-3" data-testid="variable">
            <div className="flex items-center gap-2">
              <span className="font-mono text-muted-foreground">{"{"}</span>
              <Input
                value={row.name}
                onChange={(e) => change(row.id, { name: e.target.value })}
                aria-label={t("variableName")}
                placeholder={t("variableNamePlaceholder")}
                maxLength={64}
                className="h-8 w-40 px-2 font-mono"
                data-testid="variable-name"
              />
              <span className="font-mono text-muted-foreground">{"}"}</span>
              <span className="text-xs text-muted-foreground">{t("valueCount", { count: values.length })}</span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                className="ml-auto h-7 text-destructive hover:bg-destructive/10"
                aria-label={t("removeVariable", { name: label })}
              >
                {t("remove")}
              </Button>
            </div>
            <Textarea
              value={row.values}
              onChange={(e) => change(row.id, { values: e.target.value })}
              rows={3}
              aria-label={t("valuesOf", { name: label })}
              placeholder={t("valuesPlaceholder")}
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
                    <Button
                      variant="ghost"
                      size="icon"
                      onClick={() => removeValue(row, i)}
                      className="size-5 rounded-full hover:bg-primary/20"
                      aria-label={t("removeValue", { value })}
                    >
                      ×
                    </Button>
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
