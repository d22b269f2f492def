import { type Storage, storage } from "../storage/index.ts";
import { videoConfig } from "./config.ts";

/** The app's storage; the local driver's signed URLs point at the app's own file route. */
export function files(): Storage {
  return storage({ baseUrl: videoConfig().APP_URL });
}
