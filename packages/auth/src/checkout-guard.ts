import { hasActivePlan, productByCreemId } from "@videofly/common";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";

/**
 * Server-side rules for `POST /api/auth/creem/create-checkout` (the Creem plugin's endpoint), run
 * before it: only signed-in users (so the checkout carries their id as `referenceId`), only products
 * of our catalogue, and subscriber-only products only for users with an active plan.
 */
export const checkoutGuard = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/creem/create-checkout") return;
  const session = await getSessionFromCtx(ctx);
  if (!session) throw new APIError("UNAUTHORIZED", { message: "Sign in to buy credits." });
  const productId = (ctx.body as { productId?: unknown } | undefined)?.productId;
  const product = typeof productId === "string" ? productByCreemId(productId) : undefined;
  if (!product) throw new APIError("BAD_REQUEST", { message: "Unknown product." });
  if (!product.freeUsersMayBuy && !(await hasActivePlan(session.user.id))) {
    throw new APIError("FORBIDDEN", { message: `${product.name} is for subscribers.` });
  }
});

/**
 * The Creem plugin answers its own failures with `ctx.json({ error }, { status })`, which Better
 * Auth 1.7 sends with status 200. Turn them back into errors: 502 when Creem itself failed, else 400.
 */
export const creemErrorStatus = createAuthMiddleware(async (ctx) => {
  if (!ctx.path.startsWith("/creem/")) return;
  const returned = ctx.context.returned;
  if (returned && typeof returned === "object" && !(returned instanceof Response) && "error" in returned) {
    const message = String((returned as { error: unknown }).error);
    throw new APIError(message.startsWith("Failed to") ? "BAD_GATEWAY" : "BAD_REQUEST", { message });
  }
});
