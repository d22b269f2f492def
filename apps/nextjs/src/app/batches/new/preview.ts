import { checkTemplate, combinationCount, expandTemplate } from "@videofly/common/batch-template";
import { type VariableRow, valuesOf } from "./variables-editor";

/** How many prompts the preview lists; the rest are counted. */
export const PREVIEW_PROMPTS = 10;
// Expanding is the only way to list prompts; past this many the preview only counts them.
const EXPAND_AT_MOST = 1000;

export interface Preview {
  count: number;
  /** The first prompts, in the batch's index order. */
  prompts: string[];
  /** What the server would refuse, each naming its field as the server's 400 does. */
  issues: { field: string; message: string }[];
}

/** What the editor's own shape cannot hand to the shared check: rows without a name, or twice the same. */
export interface RowMessages {
  unnamed: string;
  duplicate: (name: string) => string;
  noTemplate: string;
}

/** The batch a template and its variable rows make, checked by the same rules the API applies. */
export function templatePreview(template: string, rows: VariableRow[], messages: RowMessages): Preview {
  const issues: Preview["issues"] = [];
  const variables: Record<string, string[]> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) issues.push({ field: "variables", message: messages.unnamed });
    else if (name in variables) issues.push({ field: `variables.${name}`, message: messages.duplicate(name) });
    else variables[name] = valuesOf(row);
  }
  if (!template.trim()) issues.push({ field: "template", message: messages.noTemplate });
  for (const issue of checkTemplate(template.trim(), variables)) {
    issues.push({ field: issue.path.join("."), message: issue.message });
  }
  const count = combinationCount(variables);
  const prompts =
    issues.length || count > EXPAND_AT_MOST
      ? []
      : expandTemplate(template.trim(), variables)
          .slice(0, PREVIEW_PROMPTS)
          .map((p) => p.prompt);
  return { count: issues.length ? 0 : count, prompts, issues };
}

/** One prompt per non-blank line. */
export function itemPrompts(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function itemsPreview(text: string, emptyMessage: string): Preview {
  const prompts = itemPrompts(text);
  return {
    count: prompts.length,
    prompts: prompts.slice(0, PREVIEW_PROMPTS),
    issues: prompts.length ? [] : [{ field: "items", message: emptyMessage }],
  };
}
