export { type Defer, recordAccess, type Viewer } from "./audit.ts";
export { type AccessConfig, accessConfig } from "./config.ts";
export { type AccessDecision, type AccessRequest, type AccessVideo, decideVideoAccess } from "./decide.ts";
export { type OpenDoor, openVideoDoor } from "./doors.ts";
export { embedSnippet } from "./embed.ts";
export { embedFrameAncestors } from "./frame-ancestors.ts";
export { type AccessAction, type AllowReason, hostMatches, REFUSAL_MESSAGES, type RefusalReason } from "./rules.ts";
export * as accessSchemas from "./schemas.ts";
export { type SignedUrl, signedVideoUrl } from "./urls.ts";
