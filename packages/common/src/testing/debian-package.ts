/**
 * Making sure a tool the tests run (Chromium, redis-server) is on this machine, installing Debian's
 * package when it is missing and the machine lets us (root, or sudo without a password), as CI does.
 * Otherwise the caller stops with one line naming the command that installs it: tests that need the
 * tool are never skipped.
 */

import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

export interface DebianPackage {
  /** Debian's package name, for apt-get. */
  package: string;
  /** The executables it provides, looked for in this order. */
  binaries: string[];
  /** What messages call it ("Chromium"); the package name when unset. */
  label?: string;
  /** Who needs it, for messages ("the browser tests"). */
  purpose: string;
  /** A variable naming another executable to use; when set, nothing is looked up or installed. */
  envOverride?: string;
}

/** What the decision needs from the machine; tests pass a fake one. */
export interface PackageHost {
  env: Record<string, string | undefined>;
  isRoot: boolean;
  isExecutable(file: string): boolean;
  /** Runs a command to completion; `output` is its stdout and stderr. */
  run(command: string, args: string[]): { status: number | null; output: string };
  log(line: string): void;
}

/** The tool is missing and could not be installed; the message is one line that says what to do. */
export class PackageMissing extends Error {
  override name = "PackageMissing";
}

/**
 * Every apt-get we run holds this lock (flock is util-linux, always on Debian): turbo starts the
 * packages' pre-test checks at the same time, and a second apt-get fails at once, rather than wait,
 * while another holds the package lists or dpkg.
 */
export const APT_LOCK = "/tmp/videofly-apt.lock";
const APT_LOCK_WAIT_SECONDS = "600";

const labelOf = (pkg: DebianPackage) => pkg.label ?? pkg.package;

export const installCommand = (pkg: DebianPackage) => `sudo apt-get install -y ${pkg.package}`;

const missing = (pkg: DebianPackage, why: string) =>
  new PackageMissing(
    `${why}: ${pkg.purpose} need ${labelOf(pkg)}. Install it with \`${installCommand(pkg)}\`` +
      `${pkg.envOverride ? ` or set ${pkg.envOverride}` : ""}.`,
  );

/** The first executable `name` on PATH, else in /usr/bin (where Debian puts it) when PATH lacks it. */
export function onPath(host: PackageHost, name: string): string | null {
  for (const dir of [...(host.env.PATH ?? "").split(path.delimiter), "/usr/bin"]) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (host.isExecutable(file)) return file;
  }
  return null;
}

/** The override when it is set (whether or not it exists), else the first of the binaries found. */
function locate(pkg: DebianPackage, host: PackageHost): { path: string; fromEnv: boolean } | null {
  const configured = pkg.envOverride ? host.env[pkg.envOverride] : undefined;
  if (configured) return { path: configured, fromEnv: true };
  for (const binary of pkg.binaries) {
    const found = onPath(host, binary);
    if (found) return { path: found, fromEnv: false };
  }
  return null;
}

export type PackageDecision =
  | { kind: "found"; path: string }
  | { kind: "install"; sudo: boolean }
  | { kind: "missing"; error: PackageMissing };

export function decide(pkg: DebianPackage, host: PackageHost): PackageDecision {
  const located = locate(pkg, host);
  if (located?.fromEnv && !host.isExecutable(located.path)) {
    const why = `${pkg.envOverride}=${located.path} is not an executable file`;
    return { kind: "missing", error: missing(pkg, why) };
  }
  if (located) return { kind: "found", path: located.path };
  const notInstalled = `${labelOf(pkg)} is not installed`;
  if (!onPath(host, "apt-get"))
    return { kind: "missing", error: missing(pkg, `${notInstalled} and there is no apt-get`) };
  if (host.isRoot) return { kind: "install", sudo: false };
  if (!onPath(host, "sudo"))
    return { kind: "missing", error: missing(pkg, `${notInstalled} and installing it needs root`) };
  if (host.run("sudo", ["-n", "true"]).status === 0) return { kind: "install", sudo: true };
  return { kind: "missing", error: missing(pkg, `${notInstalled} and sudo needs a password`) };
}

/** Installs the package: `apt-get update` first when the package lists don't know it, or after a failed try. */
function install(pkg: DebianPackage, host: PackageHost, sudo: boolean): void {
  const apt = (args: string[]) => {
    const locked = ["-w", APT_LOCK_WAIT_SECONDS, APT_LOCK, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
    return sudo ? host.run("sudo", ["-n", "flock", ...locked]) : host.run("flock", locked);
  };
  host.log(
    `${labelOf(pkg)} is not installed: installing it for ${pkg.purpose} (${sudo ? "sudo " : ""}apt-get install -y ${pkg.package})`,
  );
  let updated = false;
  const update = () => {
    updated = true;
    return apt(["update", "-qq"]);
  };
  if (host.run("apt-cache", ["show", pkg.package]).status !== 0) update();
  let result = apt(["install", "-y", "-qq", pkg.package]);
  if (result.status !== 0 && !updated) {
    update();
    result = apt(["install", "-y", "-qq", pkg.package]);
  }
  if (result.status !== 0) {
    const last = result.output.trim().split("\n").at(-1) ?? "";
    throw missing(pkg, `apt-get install -y ${pkg.package} failed (${last || `exit ${result.status}`})`);
  }
}

/** The path of the tool, installing its package first when that is possible; throws PackageMissing otherwise. */
export function ensureDebianPackage(pkg: DebianPackage, host: PackageHost): string {
  const decision = decide(pkg, host);
  if (decision.kind === "found") return decision.path;
  if (decision.kind === "missing") throw decision.error;
  install(pkg, host, decision.sudo);
  const located = locate(pkg, host);
  if (!located || !host.isExecutable(located.path))
    throw missing(pkg, `apt-get installed no ${pkg.binaries.join(" or ")} on PATH`);
  return located.path;
}

/**
 * The path of the tool without installing anything, for code the tests run (installing there would
 * outlast a hook's timeout): `pnpm test` installed it before, and run alone a test says how to get it.
 */
export function findDebianPackage(pkg: DebianPackage, host: PackageHost): string {
  const decision = decide(pkg, host);
  if (decision.kind === "found") return decision.path;
  if (decision.kind === "missing") throw decision.error;
  throw new PackageMissing(
    `${labelOf(pkg)} is not installed: \`pnpm test\` installs it (or run \`${installCommand(pkg)}\`).`,
  );
}

/** This machine. */
export function systemHost(): PackageHost {
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
    log: (line) => process.stdout.write(`${line}\n`),
  };
}
