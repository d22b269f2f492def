import { deleteProject, getProject, updateProject } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.projects.getProject, ({ identity, params }) =>
  getProject(identity.user.id, params.id),
);

export const PATCH = defineRoute(operations.projects.updateProject, ({ identity, params, body }) =>
  updateProject(identity.user.id, params.id, body),
);

export const DELETE = defineRoute(operations.projects.deleteProject, ({ identity, params, query }) =>
  deleteProject(identity.user.id, params.id, query.videos),
);
