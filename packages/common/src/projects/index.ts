export {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  type ProjectView,
  projectNotFound,
  updateProject,
} from "./projects.ts";
export * as projectSchemas from "./schemas.ts";
export { joinProjectInTransaction, listProjectVideos, moveVideos } from "./videos.ts";
