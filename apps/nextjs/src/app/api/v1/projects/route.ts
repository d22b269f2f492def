import { createProject, listProjects } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.projects.createProject, async ({ identity, body }) =>
  respond(await createProject(identity.user.id, body), { status: 201 }),
);

export const GET = defineRoute(operations.projects.listProjects, ({ identity, query }) =>
  listProjects(identity.user.id, query),
);
