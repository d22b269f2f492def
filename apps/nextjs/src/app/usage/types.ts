/** What `GET /api/v1/usage/daily` answers (packages/common/src/usage/daily.ts). */
export interface UsageFigures {
  videosCreated: number;
  byMode: { TEXT_TO_VIDEO: number; IMAGE_TO_VIDEO: number; LIPSYNC: number };
  creditsConsumed: number;
  processingSeconds: number;
  apiCalls: number;
}

export interface UsageDay extends UsageFigures {
  date: string;
}

export interface DailyUsage {
  from: string;
  to: string;
  days: UsageDay[];
  totals: UsageFigures;
}

export const MODES = ["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO", "LIPSYNC"] as const;
