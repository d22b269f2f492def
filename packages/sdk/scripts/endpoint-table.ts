/**
 * Rewrites the README's endpoint table from the OpenAPI document (`pnpm sdk:generate`), so the
 * table cannot drift from what the API serves.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { endpointTable, replaceBetweenMarkers } from "./readme-endpoints";

const root = path.resolve(import.meta.dirname, "../../..");
const readmePath = path.join(root, "README.md");
const document = JSON.parse(readFileSync(path.join(import.meta.dirname, "../openapi.json"), "utf8"));
writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, "utf8"), endpointTable(document)));
