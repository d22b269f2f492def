import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import {
  APT_LOCK,
  CHROMIUM,
  type DebianPackage,
  decide,
  ensureDebianPackage,
  findDebianPackage,
  onPath,
  type PackageHost,
  PackageMissing,
  REDIS_SERVER,
  systemHost,
} from "../../src/testing/index.ts";

/**
 * A machine with these executables. `apt-get install` (alone or through sudo) succeeds unless told
 * otherwise and then puts /usr/bin/<the package's first binary> there; `apt-cache show` knows the
 * package once `apt-get update` ran, or from the start when `listsKnowIt`.
 */
function fakeHost(
  pkg: DebianPackage,
  options: {
    files?: string[];
    env?: Record<string, string>;
    isRoot?: boolean;
    sudoWithoutPassword?: boolean;
    listsKnowIt?: boolean;
    installFails?: "always" | "until-update";
  },
): PackageHost & { commands: string[]; logged: string[] } {
  const files = new Set(options.files ?? []);
  const commands: string[] = [];
  const logged: string[] = [];
  let updated = false;
  return {
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", ...options.env },
    isRoot: options.isRoot ?? false,
    isExecutable: (file) => files.has(file),
    commands,
    logged,
    log: (line) => logged.push(line),
    run(command, args) {
      const line = [command, ...args].join(" ");
      commands.push(line);
      if (line === "sudo -n true")
        return { status: options.sudoWithoutPassword ? 0 : 1, output: "sudo: a password is required" };
      if (line === `apt-cache show ${pkg.package}`)
        return { status: options.listsKnowIt || updated ? 0 : 100, output: "" };
      if (line.endsWith("apt-get update -qq")) {
        updated = true;
        return { status: 0, output: "" };
      }
      if (line.endsWith(`apt-get install -y -qq ${pkg.package}`)) {
        const fails = options.installFails === "always" || (options.installFails === "until-update" && !updated);
        if (fails)
          return { status: 100, output: `E: Failed to fetch http://deb.debian.org/${pkg.package}.deb  404  Not Found` };
        files.add(`/usr/bin/${pkg.binaries[0]}`);
        return { status: 0, output: "" };
      }
      throw new Error(`unexpected command: ${line}`);
    },
  };
}

const APT = "/usr/bin/apt-get";
const SUDO = "/usr/bin/sudo";
const LOCKED_APT = `flock -w 600 ${APT_LOCK} env DEBIAN_FRONTEND=noninteractive apt-get`;

const oneLine = (pkg: DebianPackage, error: unknown) => {
  expect(error).toBeInstanceOf(PackageMissing);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toContain(`sudo apt-get install -y ${pkg.package}`);
  return message;
};
const failure = (pkg: DebianPackage, host: PackageHost) => {
  try {
    ensureDebianPackage(pkg, host);
  } catch (error) {
    return oneLine(pkg, error);
  }
  throw new Error("ensureDebianPackage did not fail");
};

describe.each([CHROMIUM, REDIS_SERVER])("making sure of $package for $purpose", (pkg) => {
  const installed = `/usr/bin/${pkg.binaries[0]}`;

  it("finds it on PATH without running anything", () => {
    const host = fakeHost(pkg, { files: [installed, APT], isRoot: true });
    expect(ensureDebianPackage(pkg, host)).toBe(installed);
    expect(host.commands).toEqual([]);
  });

  it("installs it with apt-get as root, updating the package lists first when they don't know it", () => {
    const host = fakeHost(pkg, { files: [APT], isRoot: true });
    expect(decide(pkg, host)).toEqual({ kind: "install", sudo: false });
    expect(ensureDebianPackage(pkg, host)).toBe(installed);
    expect(host.commands).toEqual([
      `apt-cache show ${pkg.package}`,
      `${LOCKED_APT} update -qq`,
      `${LOCKED_APT} install -y -qq ${pkg.package}`,
    ]);
    expect(host.logged).toEqual([
      `${pkg.label ?? pkg.package} is not installed: installing it for ${pkg.purpose} (apt-get install -y ${pkg.package})`,
    ]);
  });

  it("installs it through sudo -n when sudo needs no password, and updates only after a failed try when the lists know it", () => {
    const host = fakeHost(pkg, {
      files: [APT, SUDO],
      sudoWithoutPassword: true,
      listsKnowIt: true,
      installFails: "until-update",
    });
    expect(ensureDebianPackage(pkg, host)).toBe(installed);
    expect(host.commands).toEqual([
      "sudo -n true",
      `apt-cache show ${pkg.package}`,
      `sudo -n ${LOCKED_APT} install -y -qq ${pkg.package}`,
      `sudo -n ${LOCKED_APT} update -qq`,
      `sudo -n ${LOCKED_APT} install -y -qq ${pkg.package}`,
    ]);
  });

  it("stops with one line naming the install command when it cannot install", () => {
    const passwordSudo = fakeHost(pkg, { files: [APT, SUDO] });
    expect(failure(pkg, passwordSudo)).toContain("sudo needs a password");
    expect(passwordSudo.commands).toEqual(["sudo -n true"]);

    const noSudo = fakeHost(pkg, { files: [APT] });
    expect(failure(pkg, noSudo)).toContain("installing it needs root");
    expect(noSudo.commands).toEqual([]);

    const noApt = fakeHost(pkg, { isRoot: true });
    expect(failure(pkg, noApt)).toMatch(
      new RegExp(`^${pkg.label ?? pkg.package} is not installed and there is no apt-get: ${pkg.purpose} need`),
    );
    expect(noApt.commands).toEqual([]);

    const brokenMirror = fakeHost(pkg, { files: [APT], isRoot: true, listsKnowIt: true, installFails: "always" });
    expect(failure(pkg, brokenMirror)).toContain("404  Not Found");
    expect(brokenMirror.commands.filter((c) => c.includes("install"))).toHaveLength(2);
  });

  it("never installs when only finding it, saying that `pnpm test` would", () => {
    const host = fakeHost(pkg, { files: [APT], isRoot: true });
    expect(() => findDebianPackage(pkg, host)).toThrow(
      `${pkg.label ?? pkg.package} is not installed: \`pnpm test\` installs it (or run \`sudo apt-get install -y ${pkg.package}\`).`,
    );
    expect(host.commands).toEqual([]);
  });
});

describe("Chromium's own rules", () => {
  it("uses CHROMIUM_PATH when it is set, and stops when it points nowhere, installing nothing", () => {
    const custom = fakeHost(CHROMIUM, {
      files: ["/opt/chrome/chrome", APT],
      isRoot: true,
      env: { CHROMIUM_PATH: "/opt/chrome/chrome" },
    });
    expect(ensureDebianPackage(CHROMIUM, custom)).toBe("/opt/chrome/chrome");
    const wrong = fakeHost(CHROMIUM, {
      files: ["/usr/bin/chromium", APT],
      isRoot: true,
      env: { CHROMIUM_PATH: "/opt/none" },
    });
    const message = failure(CHROMIUM, wrong);
    expect(message).toContain("CHROMIUM_PATH=/opt/none");
    expect(message).toMatch(/or set CHROMIUM_PATH\.$/);
    expect([...custom.commands, ...wrong.commands]).toEqual([]);
  });

  it("finds chromium-browser when there is no chromium", () => {
    const ubuntu = fakeHost(CHROMIUM, { files: ["/usr/local/bin/chromium-browser"] });
    expect(ensureDebianPackage(CHROMIUM, ubuntu)).toBe("/usr/local/bin/chromium-browser");
    expect(ubuntu.commands).toEqual([]);
  });
});

describe("on this machine", () => {
  it("finds Debian's /usr/bin/redis-server without running apt", () => {
    const real = systemHost();
    const commands: string[] = [];
    const host: PackageHost = {
      ...real,
      run(command, args) {
        commands.push([command, ...args].join(" "));
        return real.run(command, args);
      },
    };
    expect(ensureDebianPackage(REDIS_SERVER, host)).toBe("/usr/bin/redis-server");
    expect(commands).toEqual([]);
  });

  it("runs one apt-get at a time: a second waits on the lock the first holds", async () => {
    expect(onPath(systemHost(), "flock")).not.toBeNull();
    const holder = spawn("flock", [APT_LOCK, "sh", "-c", "echo held; sleep 1"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await once(holder.stdout, "data");
    const started = Date.now();
    const second = spawnSync("flock", ["-w", "600", APT_LOCK, "true"]);
    expect(second.status).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(500);
    await once(holder, "exit");
  });
});
