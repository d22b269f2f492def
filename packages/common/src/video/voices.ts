import { z } from "zod";

/**
 * The voices a lip-sync script can be read in: ours, each mapped to the voice of every provider
 * that reads it. A static list: HeyGen (GET /v2/voices) and D-ID (GET /tts/voices) both list
 * voices, but an account's list changes with its plan, and a voice offered here must be one every
 * fallback can read or skip knowingly. A provider without an id for a voice does not take the task
 * (the next one is tried). D-ID reads with Microsoft Azure voices (script.provider.type
 * "microsoft"); the demo reads no text and speaks a tone of the script's length.
 */
export interface Voice {
  id: string;
  name: string;
  /** ISO 639-1. */
  language: string;
  gender: "female" | "male";
  /** The voice's id at each provider that reads it. */
  providers: Partial<Record<"heygen" | "did", string>>;
}

export const VOICES: Voice[] = [
  {
    id: "en-female-1",
    name: "Jenny (English, US)",
    language: "en",
    gender: "female",
    providers: { heygen: "1bd001e7e50f421d891986aad5158bc8", did: "en-US-JennyNeural" },
  },
  { id: "en-male-1", name: "Guy (English, US)", language: "en", gender: "male", providers: { did: "en-US-GuyNeural" } },
  {
    id: "de-female-1",
    name: "Katja (German)",
    language: "de",
    gender: "female",
    providers: { did: "de-DE-KatjaNeural" },
  },
  {
    id: "fr-female-1",
    name: "Denise (French)",
    language: "fr",
    gender: "female",
    providers: { did: "fr-FR-DeniseNeural" },
  },
  {
    id: "es-female-1",
    name: "Elvira (Spanish)",
    language: "es",
    gender: "female",
    providers: { did: "es-ES-ElviraNeural" },
  },
];

// The script estimate lives with the price rules, where the web app imports it too.
export { estimatedSpeechMs, WORDS_PER_SECOND } from "./lipsync-price.ts";

export const findVoice = (id: string) => VOICES.find((v) => v.id === id);

/** The voice's id at a provider, or undefined when that provider does not read it. */
export const providerVoiceId = (voiceId: string, provider: string) =>
  (findVoice(voiceId)?.providers as Record<string, string | undefined> | undefined)?.[provider];

export const voiceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string().meta({ description: "ISO 639-1." }),
    gender: z.enum(["female", "male"]),
    providers: z.array(z.string()).meta({ description: "The providers that read it (the demo reads any)." }),
  })
  .meta({ id: "Voice" });

/** What `GET /api/v1/config/voices` shows. */
export function voiceCatalogue() {
  return VOICES.map(({ providers, ...voice }) => ({ ...voice, providers: Object.keys(providers) }));
}
