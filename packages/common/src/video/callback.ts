import { db } from "@videofly/db";
import { ProviderError } from "../ai/types.ts";
import { AppError } from "../errors/index.ts";
import { verifyCallbackUrl } from "./callback-url.ts";
import { checkVideo } from "./processing.ts";
import { providerRegistry } from "./providers.ts";

export interface CallbackDelivery {
  provider: string;
  /** The query of the URL that was called: it carries the video, the expiry and our signature. */
  searchParams: URLSearchParams;
  rawBody: string;
  headers: Headers;
}

/**
 * A provider's callback: authenticated by our signed, expiring URL and by the provider's own
 * signature where it has one; then only a hint — the task's state is confirmed with the provider
 * before anything changes (checkVideo), so a forged or replayed callback cannot complete a video.
 */
export async function receiveVideoCallback(delivery: CallbackDelivery): Promise<{ received: true }> {
  const uuid = verifyCallbackUrl(delivery.provider, delivery.searchParams);
  if (!uuid) throw new AppError("UNAUTHORIZED", { message: "The callback URL is not valid or has expired." });
  const provider = providerRegistry().get(delivery.provider);
  if (!provider) throw new AppError("NOT_FOUND", { message: `Unknown provider ${delivery.provider}.` });
  if (!provider.verifyCallback(delivery.rawBody, delivery.headers)) {
    throw new AppError("UNAUTHORIZED", { message: "The provider's signature does not match." });
  }
  let taskId: string;
  try {
    taskId = provider.parseCallback(JSON.parse(delivery.rawBody)).taskId;
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ProviderError) {
      throw new AppError("VALIDATION_FAILED", {
        message: "The callback body is not one this provider sends.",
        details: { fields: [{ field: "body", code: "bad_callback", message: error.message }] },
      });
    }
    throw error;
  }
  const video = await db().video.findUnique({ where: { uuid } });
  if (!video || video.provider !== provider.name || video.providerTaskId !== taskId) {
    throw new AppError("VIDEO_NOT_FOUND", { message: "No video of this task." });
  }
  try {
    await checkVideo(uuid);
  } catch (error) {
    throw new AppError("CALLBACK_PROCESSING_FAILED", { cause: error });
  }
  return { received: true };
}
