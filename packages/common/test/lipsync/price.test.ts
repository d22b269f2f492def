import { describe, expect, it } from "vitest";
import { audioSeconds, estimatedSpeechMs, perAudioSecondCredits } from "../../src/video/lipsync-price.ts";
import { MODELS, priceOf } from "../../src/video/models.ts";

// The lip-sync price rules the web app's create page imports (@videofly/common/lipsync-price) are
// the ones the server holds credits by.
const lipsync = MODELS.find((m) => m.modes.includes("LIPSYNC"));
if (!lipsync) throw new Error("no lip-sync model");

describe("lip-sync price rules", () => {
  it("count whole seconds of audio from whole milliseconds, at least one", () => {
    expect([1, 999.6, 1000, 1000.4, 1001, 2040].map(audioSeconds)).toEqual([1, 1, 1, 1, 2, 3]);
  });

  it("round the credits up, after rounding to cents of a credit", () => {
    expect(perAudioSecondCredits(1.5, 3)).toBe(5);
    expect(perAudioSecondCredits(0.5, 1)).toBe(1);
    expect(perAudioSecondCredits(0.1, 3)).toBe(1);
    expect(perAudioSecondCredits(0.4, 5)).toBe(2);
  });

  it("estimate a script at 2.5 words a second", () => {
    expect(estimatedSpeechMs("  ")).toBe(1000);
    expect(estimatedSpeechMs("one two three four five six seven eight nine ten eleven twelve")).toBe(5000);
  });

  it("are what priceOf holds for every quality and length", () => {
    const price = lipsync.price;
    if (price.kind !== "per_audio_second") throw new Error("not per audio second");
    for (const quality of lipsync.qualities) {
      for (const audioDurationMs of [1, 1500, 2000.4, 2040, 59_999, 300_000]) {
        const rate = price.perAudioSecond[quality] as number;
        expect(priceOf(lipsync, { mode: "LIPSYNC", quality, duration: 0, audioDurationMs })).toBe(
          perAudioSecondCredits(rate, audioSeconds(audioDurationMs)),
        );
      }
    }
  });
});
