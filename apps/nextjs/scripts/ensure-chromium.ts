/**
 * Runs before the nextjs tests (`pnpm test`): makes sure the browser tests have a Chromium, installing
 * Debian's when it can, or stops at once with one line saying how to install it.
 */
import { ChromiumMissing, ensureChromium, systemHost } from "../test/support/chromium";

try {
  ensureChromium(systemHost());
} catch (error) {
  if (!(error instanceof ChromiumMissing)) throw error;
  console.error(error.message);
  process.exit(1);
}
