/**
 * Runs before the nextjs tests (`pnpm test`): the browser tests get a Chromium and the Redis tests a
 * redis-server, Debian's installed when it can be, or the run stops at once with one line saying how
 * to install it.
 */
import { CHROMIUM, ensureTestTools, REDIS_SERVER } from "@videofly/common/testing";

ensureTestTools([CHROMIUM, REDIS_SERVER]);
