import { defineConfig } from "prisma/config";

// `generate` needs no database, so DATABASE_URL must not be required here.
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
