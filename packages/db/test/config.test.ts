import { describe, expect, it } from "vitest";
import { ConfigError, dbConfig } from "../src/config.ts";

describe("database configuration", () => {
  it("names DATABASE_URL when it is missing or empty", () => {
    expect(() => dbConfig({})).toThrow(ConfigError);
    expect(() => dbConfig({ DATABASE_URL: "" })).toThrow(/DATABASE_URL/);
  });

  it("rejects a URL that is not PostgreSQL and a bad pool size", () => {
    expect(() => dbConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql/);
    expect(() => dbConfig({ DATABASE_URL: "postgresql://x/y", DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
  });

  it("applies defaults", () => {
    expect(dbConfig({ DATABASE_URL: "postgres://h/db" })).toEqual({
      DATABASE_URL: "postgres://h/db",
      DATABASE_POOL_MAX: 10,
    });
  });
});
