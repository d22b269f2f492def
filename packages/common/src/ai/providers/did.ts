import { z } from "zod";
import { providerVoiceId } from "../../video/voices.ts";
import { type ProviderCallback, ProviderError, type ProviderTaskStatus, type VideoProvider } from "../types.ts";
import { jsonClient, requireStatus } from "./http.ts";

/**
 * D-ID talks (docs.d-id.com), for lip-sync of a portrait. Auth is "Authorization: Basic <key>" (the
 * key as D-ID's studio shows it); errors are HTTP statuses with `{ kind, description }`.
 *  - POST /talks `{ source_url, script: { type: "audio", audio_url } | { type: "text", input,
 *    provider: { type: "microsoft", voice_id } }, webhook, user_data, config: { result_format } }`
 *    → 201 `{ id, object: "talk", status: "created" }`;
 *  - GET /talks/{id} answers the talk: status created | started | done | error | rejected,
 *    `result_url` when done, `error: { kind, description }` when not;
 *  - `webhook`: the same talk object is POSTed there when it is done or failed. D-ID documents no
 *    signature for it; our signed callback URL authenticates it.
 * A talk animates an image: a video source is refused before anything is sent, as is a script in a
 * voice D-ID has no id for (video/voices.ts). D-ID reports no progress.
 */
export interface DidOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
}

const NAME = "did";

const errorBody = z.object({ description: z.string() });
const talk = z.object({
  id: z.string().min(1),
  status: z.string().optional(),
  result_url: z.string().nullish(),
  error: z.object({ kind: z.string().nullish(), description: z.string().nullish() }).nullish(),
});

const refuse = (message: string) => new ProviderError(NAME, "bad_request", message, false, { definiteRefusal: true });

export function createDidProvider(options: DidOptions): VideoProvider {
  const client = jsonClient({
    provider: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    headers: { authorization: `Basic ${options.apiKey}` },
    secrets: [options.apiKey],
    errorMessage: (body) => errorBody.safeParse(body).data?.description,
  });

  return {
    name: NAME,

    async createTask(request) {
      const inputs = request.lipsync;
      if (request.mode !== "LIPSYNC" || !inputs) throw refuse("D-ID is used for lip-sync only.");
      if (inputs.sourceVideoUrl || !request.imageUrl) throw refuse("D-ID talks animate a portrait, not a video.");
      let script: Record<string, unknown>;
      if (inputs.audioUrl) {
        script = { type: "audio", audio_url: inputs.audioUrl };
      } else {
        const voiceId = inputs.voice ? providerVoiceId(inputs.voice, NAME) : undefined;
        if (!voiceId || !inputs.script) throw refuse("D-ID has no voice for this script.");
        script = { type: "text", input: inputs.script, provider: { type: "microsoft", voice_id: voiceId } };
      }
      const body = {
        source_url: request.imageUrl,
        script,
        user_data: request.reference,
        config: { result_format: "mp4" },
        ...(request.callbackUrl && { webhook: request.callbackUrl }),
      };
      const created = await client.post("/talks", body, talk);
      return { taskId: created.id };
    },

    async getTask(taskId) {
      return requireStatus(NAME, talkStatus(await client.get(`/talks/${encodeURIComponent(taskId)}`, talk)));
    },

    parseCallback(body): ProviderCallback {
      const parsed = talk.safeParse(body);
      if (!parsed.success) throw new ProviderError(NAME, "bad_callback", "not a D-ID talk", false);
      return { taskId: parsed.data.id, claimed: talkStatus(parsed.data) };
    },

    // No signature is documented; the signed callback URL authenticates the request.
    verifyCallback: () => true,
  };
}

/** Undefined for a status the docs do not list. */
function talkStatus(answer: z.infer<typeof talk>): ProviderTaskStatus | undefined {
  switch (answer.status) {
    case "created":
      return { state: "queued" };
    case "started":
      return { state: "running" };
    case "done":
      return { state: "succeeded", videoUrl: answer.result_url ?? undefined };
    case "error":
    case "rejected":
      return {
        state: "failed",
        errorCode: answer.error?.kind ?? answer.status,
        errorMessage: answer.error?.description ?? undefined,
      };
    default:
      return undefined;
  }
}
