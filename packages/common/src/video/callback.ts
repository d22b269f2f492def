import { db } from "@videofly/db";
import { ProviderError } from "../ai/types.ts";
import { AppError } from "../errors/index.ts";
import { logger } from "../logger.ts";
import { verifyCallbackUrl } from "./callback-url.ts";
import { checkVideo } from "./processing.ts";
import { providerRegistry } from "./providers.ts";
import { bindUnconfirmedTask } from "./unconfirmed.ts";

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
  if (!(await isTaskOf(uuid, provider.name, taskId))) {
    throw new AppError("VIDEO_NOT_FOUND", { message: "No video of this task." });
  }
  try {
    await checkVideo(uuid);
  } catch (error) {
    throw new AppError("CALLBACK_PROCESSING_FAILED", { cause: error });
  }
  return { received: true };
}

/**
 * Whether the task is this video's: its recorded task, or, for a video whose create call got no
 * readable answer, the task this callback names (bound now, once; the first callback wins).
 */
async function isTaskOf(uuid: string, provider: string, taskId: string): Promise<boolean> {
  const video = await db().video.findUnique({ where: { uuid } });
  if (!video || video.provider !== provider) return false;
  if (video.providerTaskId === taskId) return true;
  if (video.providerTaskId !== null) return false;
  if (await bindUnconfirmedTask(uuid, provider, taskId)) return true;
  const now = await db().video.findUnique({ where: { uuid } });
  if (now?.providerTaskId === taskId) return true;
  if (now?.status === "FAILED") {
    // Too late: the provider rendered a video we had already given up on (and released).
    logger().warn({ videoUuid: uuid, provider, taskId }, "a callback named a task after its video failed");
  }
  return false;
}
