export const START = "<!-- endpoints:start -->";
export const END = "<!-- endpoints:end -->";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface OperationDoc {
  summary?: string;
  "x-auth"?: string;
  "x-required-scope"?: string;
}
export interface DocumentLike {
  servers?: { url: string }[];
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], OperationDoc>>>;
}

const AUTH: Record<string, string> = {
  public: "public",
  optional: "anyone (owner when signed in)",
  session: "user",
  "session-only": "session only",
  admin: "admin",
};

function authOf(op: OperationDoc): string {
  const auth = AUTH[op["x-auth"] ?? "public"] ?? String(op["x-auth"]);
  return op["x-required-scope"] ? `${auth}, \`${op["x-required-scope"]}\`` : auth;
}

/** A Markdown table of the document's operations: endpoint, auth and scope, summary. */
export function endpointTable(document: DocumentLike): string {
  const base = document.servers?.[0]?.url ?? "";
  const rows = Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [[`\`${method.toUpperCase()} ${base}${p}\``, authOf(op), op.summary ?? ""]] : [];
    }),
  );
  const table = [["endpoint", "auth", "what it does"], ...rows];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = table;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** `text` with what stands between the markers replaced by `content`; fails without the markers. */
export function replaceBetweenMarkers(text: string, content: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs ${START} … ${END} around the endpoint table`);
  return `${text.slice(0, start + START.length)}\n${content}\n${text.slice(end)}`;
}
