import { AppError } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

// Unknown /api/v1 paths answer in the API's envelope, not with the web app's HTML 404 page.
const notFound = defineRoute({ auth: "public" }, async ({ request }) => {
  throw new AppError("NOT_FOUND", { message: `No API route ${request.method} ${new URL(request.url).pathname}.` });
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
