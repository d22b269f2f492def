/** Writes the OpenAPI document to the path given (`pnpm sdk:generate` writes packages/sdk/openapi.json). */
import { writeFileSync } from "node:fs";
import { buildOpenApiDocument } from "@/api/openapi";

const out = process.argv[2];
if (!out) {
  console.error("usage: tsx scripts/write-openapi.ts <file>");
  process.exit(2);
}
writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
