import { describe, expect, it } from "vitest";
import { type ChromiumHost, ChromiumMissing, decide, ensureChromium } from "./support/chromium";

/**
 * A machine with these executables. `apt-get install` (alone or through sudo) succeeds unless told
 * otherwise and then puts /usr/bin/chromium there; `apt-cache show chromium` knows the package once
 * `apt-get update` ran, or from the start when `listsKnowChromium`.
 */
function fakeHost(options: {
  files?: string[];
  env?: Record<string, string>;
  isRoot?: boolean;
  sudoWithoutPassword?: boolean;
  listsKnowChromium?: boolean;
  installFails?: "always" | "until-update";
}): ChromiumHost & { commands: string[]; logged: string[] } {
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
      if (line === "apt-cache show chromium")
        return { status: options.listsKnowChromium || updated ? 0 : 100, output: "" };
      if (line.endsWith("apt-get update -qq")) {
        updated = true;
        return { status: 0, output: "" };
      }
      if (line.endsWith("apt-get install -y -qq chromium")) {
        const fails = options.installFails === "always" || (options.installFails === "until-update" && !updated);
        if (fails)
          return { status: 100, output: "E: Failed to fetch http://deb.debian.org/chromium.deb  404  Not Found" };
        files.add("/usr/bin/chromium");
        return { status: 0, output: "" };
      }
      throw new Error(`unexpected command: ${line}`);
    },
  };
}

const APT = "/usr/bin/apt-get";
const SUDO = "/usr/bin/sudo";
const oneLine = (error: unknown) => {
  expect(error).toBeInstanceOf(ChromiumMissing);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toContain("sudo apt-get install -y chromium");
  return message;
};
const failure = (host: ChromiumHost) => {
  try {
    ensureChromium(host);
  } catch (error) {
    return oneLine(error);
  }
  throw new Error("ensureChromium did not fail");
};

describe("finding Chromium for the browser tests", () => {
  it("uses CHROMIUM_PATH when it is set, and stops when it points nowhere, installing nothing", () => {
    const custom = fakeHost({
      files: ["/opt/chrome/chrome", APT],
      isRoot: true,
      env: { CHROMIUM_PATH: "/opt/chrome/chrome" },
    });
    expect(ensureChromium(custom)).toBe("/opt/chrome/chrome");
    const wrong = fakeHost({ files: ["/usr/bin/chromium", APT], isRoot: true, env: { CHROMIUM_PATH: "/opt/none" } });
    expect(failure(wrong)).toContain("CHROMIUM_PATH=/opt/none");
    expect([...custom.commands, ...wrong.commands]).toEqual([]);
  });

  it("finds chromium or chromium-browser on PATH without running anything", () => {
    const debian = fakeHost({ files: ["/usr/bin/chromium", APT] });
    expect(ensureChromium(debian)).toBe("/usr/bin/chromium");
    const ubuntu = fakeHost({ files: ["/usr/local/bin/chromium-browser"] });
    expect(ensureChromium(ubuntu)).toBe("/usr/local/bin/chromium-browser");
    expect([...debian.commands, ...ubuntu.commands]).toEqual([]);
  });

  it("installs it with apt-get as root, updating the package lists first when they don't know it", () => {
    const host = fakeHost({ files: [APT], isRoot: true });
    expect(decide(host)).toEqual({ kind: "install", sudo: false });
    expect(ensureChromium(host)).toBe("/usr/bin/chromium");
    expect(host.commands).toEqual([
      "apt-cache show chromium",
      "env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
      "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
    ]);
    expect(host.logged).toHaveLength(1);
  });

  it("installs it through sudo when sudo needs no password, and updates only after a failed try when the lists know it", () => {
    const host = fakeHost({
      files: [APT, SUDO],
      sudoWithoutPassword: true,
      listsKnowChromium: true,
      installFails: "until-update",
    });
    expect(ensureChromium(host)).toBe("/usr/bin/chromium");
    expect(host.commands).toEqual([
      "sudo -n true",
      "apt-cache show chromium",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
    ]);
  });

  it("stops with one line naming the install command when it cannot install", () => {
    const passwordSudo = fakeHost({ files: [APT, SUDO] });
    expect(failure(passwordSudo)).toContain("sudo needs a password");
    expect(passwordSudo.commands).toEqual(["sudo -n true"]);

    const noSudo = fakeHost({ files: [APT] });
    expect(failure(noSudo)).toContain("installing it needs root");
    expect(noSudo.commands).toEqual([]);

    const noApt = fakeHost({ isRoot: true });
    expect(failure(noApt)).toContain("no apt-get");
    expect(noApt.commands).toEqual([]);

    const brokenMirror = fakeHost({ files: [APT], isRoot: true, listsKnowChromium: true, installFails: "always" });
    expect(failure(brokenMirror)).toContain("404  Not Found");
    expect(brokenMirror.commands.filter((c) => c.includes("install"))).toHaveLength(2);
  });
});
