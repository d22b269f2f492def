import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every locale translates every message English has, and nothing English lacks: a key missing in
// one locale would show as its raw name on that locale's pages.
const dir = path.resolve(import.meta.dirname, "../messages");
const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;

function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("the message files", () => {
  const english = keys(read("en.json")).sort();
  for (const file of readdirSync(dir).filter((f) => f !== "en.json")) {
    it(`${file} has exactly the keys of en.json`, () => {
      expect(keys(read(file)).sort()).toEqual(english);
    });
  }
});
