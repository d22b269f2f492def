import { apiKeyClient } from "@better-auth/api-key/client";
import { adminClient, magicLinkClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/** The browser's auth client; same-origin, so no base URL. */
export const authClient = createAuthClient({ plugins: [adminClient(), apiKeyClient(), magicLinkClient()] });
