// What `GET /api/v1/usage/daily` answers: the API document's own types, through the SDK.
import type { components } from "@videofly/sdk";

export type DailyUsage = components["schemas"]["DailyUsage"];
export type UsageDay = components["schemas"]["UsageDay"];
export type UsageFigures = DailyUsage["totals"];

export const MODES = [
  "TEXT_TO_VIDEO",
  "IMAGE_TO_VIDEO",
  "LIPSYNC",
] as const satisfies readonly (keyof UsageFigures["byMode"])[];
