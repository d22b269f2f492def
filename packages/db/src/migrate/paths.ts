import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root, found from this file's place in packages/db/src/migrate. */
export function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
}

export function schemaPath(): string {
  return process.env.PRISMA_SCHEMA_PATH ?? path.join(repoRoot(), "prisma/schema.prisma");
}

export function migrationsDir(): string {
  return process.env.PRISMA_MIGRATIONS_PATH ?? path.join(repoRoot(), "prisma/migrations");
}
