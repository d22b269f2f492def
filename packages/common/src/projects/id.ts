import { z } from "zod";

/** A project's id, on its own so the video and batch bodies can name one without a cycle of imports. */
export const projectId = z
  .string()
  .regex(/^prj_[0-9a-f]{32}$/, "A project id, like prj_… from POST /projects.")
  .meta({ description: "A project of yours (`prj_…`)." });
