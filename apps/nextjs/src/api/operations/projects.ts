import { projectSchemas } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Projects"];

export const createProject = operation({
  method: "POST",
  path: "/projects",
  auth: "session",
  scope: "videos:write",
  idempotent: true,
  body: projectSchemas.createBody,
  response: projectSchemas.project,
  status: 201,
  summary: "Create a project",
  description: "A project groups videos: start them in it (`projectId` on generate and batches) or move them in.",
  tags,
});

export const listProjects = operation({
  method: "GET",
  path: "/projects",
  auth: "session",
  scope: "videos:read",
  query: projectSchemas.listQuery,
  response: projectSchemas.projectPage,
  summary: "List your projects, newest first",
  description: "By name (`q`, any part, any case) and status (active while one of its videos is queued or being made).",
  tags,
});

export const getProject = operation({
  method: "GET",
  path: "/projects/{id}",
  auth: "session",
  scope: "videos:read",
  params: projectSchemas.idParams,
  response: projectSchemas.project,
  summary: "Get a project: its videos counted by status, credits spent",
  tags,
  errors: ["NOT_FOUND"],
});

export const updateProject = operation({
  method: "PATCH",
  path: "/projects/{id}",
  auth: "session",
  scope: "videos:write",
  params: projectSchemas.idParams,
  body: projectSchemas.updateBody,
  response: projectSchemas.project,
  summary: "Rename or describe a project",
  tags,
  errors: ["NOT_FOUND"],
});

export const deleteProject = operation({
  method: "DELETE",
  path: "/projects/{id}",
  auth: "session",
  scope: "videos:write",
  params: projectSchemas.idParams,
  query: projectSchemas.deleteQuery,
  response: projectSchemas.deletedProject,
  summary: "Delete a project, keeping its videos (the default) or deleting them",
  tags,
  errors: ["NOT_FOUND"],
});

export const listProjectVideos = operation({
  method: "GET",
  path: "/projects/{id}/videos",
  auth: "session",
  scope: "videos:read",
  params: projectSchemas.idParams,
  query: projectSchemas.videosQuery,
  response: projectSchemas.projectVideoPage,
  summary: "A project's videos, newest first",
  tags,
  errors: ["NOT_FOUND"],
});

export const addProjectVideos = operation({
  method: "POST",
  path: "/projects/{id}/videos",
  auth: "session",
  scope: "videos:write",
  params: projectSchemas.idParams,
  body: projectSchemas.addVideosBody,
  response: projectSchemas.movedVideos,
  summary: "Move videos into a project",
  description:
    "Up to 100 of your videos, from wherever they are; all or nothing: a uuid that is not one of your videos is a 404 naming it (`details.uuids`) and nothing moves.",
  tags,
  errors: ["NOT_FOUND", "VIDEO_NOT_FOUND"],
});

export const moveVideos = operation({
  method: "POST",
  path: "/videos/move",
  auth: "session",
  scope: "videos:write",
  body: projectSchemas.moveBody,
  response: projectSchemas.movedVideos,
  summary: "Move videos into a project, or out of any (projectId null)",
  description:
    "Up to 100 of your videos; all or nothing: a uuid that is not one of your videos is a 404 naming it (`details.uuids`) and nothing moves.",
  tags,
  errors: ["NOT_FOUND", "VIDEO_NOT_FOUND"],
});
