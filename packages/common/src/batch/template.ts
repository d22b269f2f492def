/**
 * Prompt templates: `{name}` placeholders filled from `variables: { name: [values…] }`, one prompt
 * per combination (the cartesian product, the first variable varying slowest). Text in braces
 * that is not a variable name (`{ }`, `{1x}`) stays as written.
 */

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]{0,63})\}/g;
const MAX_PROMPT = 2000;

export type TemplateIssue = { code: "custom"; path: (string | number)[]; message: string };

export type Combination = Record<string, string>;

export function placeholdersOf(template: string): Set<string> {
  return new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
}

/** How many prompts the template makes (a product of list lengths; never expanded to count). */
export function combinationCount(variables: Record<string, string[]>): number {
  return Object.values(variables).reduce((n, values) => n * values.length, 1);
}

/** What is wrong with a template and its variables, each naming its field; empty when it is fine. */
export function checkTemplate(template: string, variables: Record<string, string[]>): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const used = placeholdersOf(template);
  for (const name of used) {
    if (!(name in variables))
      issues.push({ code: "custom", path: ["template"], message: `The placeholder {${name}} has no variable.` });
  }
  for (const [name, values] of Object.entries(variables)) {
    if (!used.has(name))
      issues.push({ code: "custom", path: ["variables", name], message: `The template does not use {${name}}.` });
    else if (!values.length)
      issues.push({ code: "custom", path: ["variables", name], message: `{${name}} has no values.` });
  }
  if (issues.length) return issues;
  // The longest prompt the template can make: each placeholder with its variable's longest value.
  const longest = fill(template, (name) => (variables[name] ?? []).reduce((a, b) => (b.length > a.length ? b : a), ""));
  if (longest.length > MAX_PROMPT)
    issues.push({ code: "custom", path: ["template"], message: `A prompt would be over ${MAX_PROMPT} characters.` });
  return issues;
}

/** Every combination of the variables' values with its prompt, in index order. */
export function expandTemplate(
  template: string,
  variables: Record<string, string[]>,
): { prompt: string; combination: Combination }[] {
  let combinations: Combination[] = [{}];
  for (const [name, values] of Object.entries(variables)) {
    combinations = combinations.flatMap((c) => values.map((value) => ({ ...c, [name]: value })));
  }
  return combinations.map((combination) => ({
    prompt: fill(template, (name) => combination[name] ?? ""),
    combination,
  }));
}

function fill(template: string, value: (name: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => value(name));
}
