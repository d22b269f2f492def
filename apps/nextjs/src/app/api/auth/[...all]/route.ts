import { authRouteHandlers } from "@videofly/auth/next";

export const { GET, POST, PATCH, PUT, DELETE } = authRouteHandlers;
