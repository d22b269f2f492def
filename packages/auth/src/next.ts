import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "./auth.ts";

/** Route handlers for Next.js' `/api/auth/[...all]`; the instance is built on the first request. */
export const authRouteHandlers = toNextJsHandler((request: Request) => auth().handler(request));
