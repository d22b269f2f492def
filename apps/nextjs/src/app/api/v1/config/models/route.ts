import { modelCatalogue } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "public" }, async () => modelCatalogue());
