"use client";

import { placeholdersOf } from "@videofly/common/batch-template";
import { PlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
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
      <Label className="flex-col items-stretch gap-1.5">
        {t("template")}
        <Textarea
          value={template}
          onChange={(e) => onTemplate(e.target.value)}
          maxLength={2000}
          rows={3}
          placeholder={t("templatePlaceholder")}
          className="font-mono"
          data-testid="batch-template"
        />
        <span className="text-xs font-normal text-muted-foreground">{t("templateHint")}</span>
      </Label>
      {placeholders.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-xs" aria-label={t("placeholders")} data-testid="placeholders">
          {placeholders.map((name) =>
            names.has(name) ? (
              <li key={name}>
                <Badge variant="success" className="rounded-full font-mono">
                  {`{${name}}`}
                </Badge>
              </li>
            ) : (
              <li key={name}>
                <Button
                  variant="outline"
                  size="sm"
                  onClick={() => add(name)}
                  className="h-6 rounded-full border-dashed border-destructive/40 px-2 font-mono text-xs text-destructive hover:bg-destructive/10"
                  data-testid="add-placeholder-variable"
                >
                  {t("addVariableFor", { placeholder: `{${name}}` })}
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
      <VariablesEditor rows={rows} onChange={onRows} />
      <Button variant="outline" size="sm" onClick={() => add()} className="w-fit" data-testid="add-variable">
        <PlusIcon aria-hidden />
        {t("addVariable")}
      </Button>
    </div>
  );
}
