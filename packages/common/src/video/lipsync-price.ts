/**
 * A lip-sync's price rules: plain functions with no imports, so the web app's client code prices a
 * lip-sync before it is submitted with the very rules the server holds credits by.
 */

/**
 * A lip-sync's length in whole seconds: its audio's, rounded up (from whole milliseconds, as the
 * audio's length is stored, so a probed 2000.4 ms is 2 s on the page as it is when held).
 */
export const audioSeconds = (audioDurationMs: number) => Math.max(1, Math.ceil(Math.round(audioDurationMs) / 1000));

/** At least 1; rounded to cents of a credit first, so 5 × 0.4 is 2, not 2.0000000000000004 → 3. */
export const roundedUpCredits = (credits: number) => Math.max(1, Math.ceil(Math.round(credits * 100) / 100));

/** The credits of `seconds` of audio at `rate` credits a second. */
export const perAudioSecondCredits = (rate: number, seconds: number) => roundedUpCredits(seconds * rate);

/**
 * How long a script takes to say, for its price before anything is read: 2.5 words a second (150
 * words a minute, a calm speaking pace), rounded up to whole seconds, at least one.
 */
export const WORDS_PER_SECOND = 2.5;
export function estimatedSpeechMs(script: string): number {
  const words = script.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_SECOND)) * 1000;
}
