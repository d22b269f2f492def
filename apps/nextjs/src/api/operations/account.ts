import { deleteAccountBody } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Account"];

export const currentUser = operation({
  method: "GET",
  path: "/user/me",
  auth: "session",
  summary: "Who the caller is, and how they authenticated",
  tags,
});

export const deleteAccount = operation({
  method: "DELETE",
  path: "/user/me",
  auth: "session-only",
  body: deleteAccountBody,
  summary: "Delete your account and everything in it",
  description: "Needs a fresh sign-in or the password; API keys cannot delete an account.",
  tags,
});
