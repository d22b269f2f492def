/**
 * Finding Chromium for the browser tests, and installing Debian's package when it is missing and
 * this machine lets us (root, or sudo without a password), as CI does. Otherwise the caller stops
 * with one line naming the command that installs it: the browser tests are never skipped.
 */

import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** What the decision needs from the machine; tests pass a fake one. */
export interface ChromiumHost {
  env: Record<string, string | undefined>;
  isRoot: boolean;
  isExecutable(file: string): boolean;
  /** Runs a command to completion; `output` is its stdout and stderr. */
  run(command: string, args: string[]): { status: number | null; output: string };
  log(line: string): void;
}

export const INSTALL_COMMAND = "sudo apt-get install -y chromium";

/** Chromium is missing and could not be installed; the message is one line that says what to do. */
export class ChromiumMissing extends Error {
  override name = "ChromiumMissing";
}

const missing = (why: string) =>
  new ChromiumMissing(
    `${why}: the browser tests need Chromium. Install it with \`${INSTALL_COMMAND}\` or set CHROMIUM_PATH.`,
  );

/** The first executable `name` on PATH, or null. */
export function onPath(host: ChromiumHost, name: string): string | null {
  for (const dir of (host.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (host.isExecutable(file)) return file;
  }
  return null;
}

/** CHROMIUM_PATH when it is set (whether or not it exists), else `chromium` or `chromium-browser` on PATH. */
export function locateChromium(host: ChromiumHost): { path: string; fromEnv: boolean } | null {
  const configured = host.env.CHROMIUM_PATH;
  if (configured) return { path: configured, fromEnv: true };
  const found = onPath(host, "chromium") ?? onPath(host, "chromium-browser");
  return found ? { path: found, fromEnv: false } : null;
}

export type ChromiumDecision =
  | { kind: "found"; path: string }
  | { kind: "install"; sudo: boolean }
  | { kind: "missing"; error: ChromiumMissing };

export function decide(host: ChromiumHost): ChromiumDecision {
  const located = locateChromium(host);
  if (located?.fromEnv && !host.isExecutable(located.path)) {
    return { kind: "missing", error: missing(`CHROMIUM_PATH=${located.path} is not an executable file`) };
  }
  if (located) return { kind: "found", path: located.path };
  if (!onPath(host, "apt-get"))
    return { kind: "missing", error: missing("Chromium is not installed and there is no apt-get") };
  if (host.isRoot) return { kind: "install", sudo: false };
  if (!onPath(host, "sudo"))
    return { kind: "missing", error: missing("Chromium is not installed and installing it needs root") };
  if (host.run("sudo", ["-n", "true"]).status === 0) return { kind: "install", sudo: true };
  return { kind: "missing", error: missing("Chromium is not installed and sudo needs a password") };
}

/** Installs Debian's chromium: `apt-get update` first when the package lists don't know it, or after a failed try. */
function install(host: ChromiumHost, sudo: boolean): void {
  const apt = (args: string[]) =>
    sudo
      ? host.run("sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args])
      : host.run("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...args]);
  host.log(
    `Chromium is not installed: installing it for the browser tests (${sudo ? "sudo " : ""}apt-get install -y chromium)`,
  );
  let updated = false;
  const update = () => {
    updated = true;
    return apt(["update", "-qq"]);
  };
  if (host.run("apt-cache", ["show", "chromium"]).status !== 0) update();
  let result = apt(["install", "-y", "-qq", "chromium"]);
  if (result.status !== 0 && !updated) {
    update();
    result = apt(["install", "-y", "-qq", "chromium"]);
  }
  if (result.status !== 0) {
    const last = result.output.trim().split("\n").at(-1) ?? "";
    throw missing(`apt-get install -y chromium failed (${last || `exit ${result.status}`})`);
  }
}

/** The path of a Chromium to drive, installing it first when that is possible; throws ChromiumMissing otherwise. */
export function ensureChromium(host: ChromiumHost): string {
  const decision = decide(host);
  if (decision.kind === "found") return decision.path;
  if (decision.kind === "missing") throw decision.error;
  install(host, decision.sudo);
  const located = locateChromium(host);
  if (!located || !host.isExecutable(located.path)) throw missing("apt-get installed no chromium on PATH");
  return located.path;
}

/** This machine. */
export function systemHost(): ChromiumHost {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    run(command, args) {
      const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? r.error.message : ""}` };
    },
    log: (line) => console.log(line),
  };
}
