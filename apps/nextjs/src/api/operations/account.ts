import { deleteAccountBody, deleteAccountResult } from "@videofly/common";
import { z } from "zod";
import { operation } from "@/server/operation";

const tags = ["Account"];

const currentUserView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["user", "admin"]),
    emailVerified: z.boolean().meta({ description: "Until true, no sign-up bonus and no admin role." }),
    image: z.string().nullable(),
    createdAt: z.iso.datetime(),
    authenticatedVia: z.enum(["session", "api_key"]),
  })
  .meta({ id: "CurrentUser" });

export const currentUser = operation({
  method: "GET",
  path: "/user/me",
  auth: "session",
  response: currentUserView,
  summary: "Who the caller is, and how they authenticated",
  tags,
});

export const deleteAccount = operation({
  method: "DELETE",
  path: "/user/me",
  auth: "session-only",
  body: deleteAccountBody,
  response: deleteAccountResult,
  summary: "Delete your account and everything in it",
  description: "Needs a fresh sign-in or the password; API keys cannot delete an account.",
  tags,
  errors: ["CONFLICT"],
});
