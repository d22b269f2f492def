import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GenerationRequest } from "../../src/ai/types.ts";
import { baseRequest } from "./fake-api.ts";

/** A tiny PNG (1×1), served as a portrait would be from our storage. */
export const PORTRAIT = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Serves the portrait at /portrait.png (and a 404 elsewhere); returns its URL. */
export async function startPortraitServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== "/portrait.png") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "image/png", "content-length": String(PORTRAIT.length) });
    res.end(PORTRAIT);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/portrait.png`, server };
}

const lipsyncBase = { ...baseRequest, mode: "LIPSYNC" as const, quality: "high", providerModel: "lipsync" };

/** A lip-sync of a person's video to an uploaded audio. */
export const videoLipsync: GenerationRequest = {
  ...lipsyncBase,
  lipsync: {
    sourceVideoUrl: "https://files.example.com/uploads/u/source.mp4",
    audioUrl: "https://files.example.com/uploads/u/voice.mp3",
    audioDurationMs: 3400,
    language: "en",
  },
};

/** A portrait speaking an uploaded audio. */
export const portraitLipsync = (imageUrl: string, lipsync: Partial<GenerationRequest["lipsync"]> = {}) => ({
  ...lipsyncBase,
  imageUrl,
  lipsync: {
    audioUrl: "https://files.example.com/uploads/u/voice.mp3",
    audioDurationMs: 3400,
    language: "en",
    ...lipsync,
  },
});
