import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The nearest directory above the working directory holding pnpm-workspace.yaml, else the working
 * directory. The web app and the workers start in different package directories yet must share one
 * `.data` directory; the file's own location is no guide, since Next.js bundles it elsewhere.
 */
export function workspaceRoot(): string {
  const cwd = process.cwd();
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}
