/**
 * Runs before the common tests (`pnpm test`): the Redis tests get a redis-server, Debian's installed
 * when it can be, or the run stops at once with one line saying how to install it.
 */
import { ensureTestTools, REDIS_SERVER } from "../src/testing/index.ts";

ensureTestTools([REDIS_SERVER]);
