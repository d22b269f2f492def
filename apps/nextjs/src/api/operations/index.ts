import * as account from "./account";
import * as admin from "./admin";
import * as batches from "./batches";
import * as credits from "./credits";
import * as favorites from "./favorites";
import * as keys from "./keys";
import * as projects from "./projects";
import * as system from "./system";
import * as uploads from "./uploads";
import * as usage from "./usage";
import * as video from "./video";
import * as webhooks from "./webhooks";

/** Every /api/v1 operation, by area: the routes run them and the OpenAPI document lists them. */
export const operations = {
  account,
  admin,
  batches,
  credits,
  favorites,
  keys,
  projects,
  system,
  uploads,
  usage,
  video,
  webhooks,
};

export const allOperations = () => Object.values(operations).flatMap((area) => Object.values(area));
