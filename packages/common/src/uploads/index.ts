export { type UploadFacts, type UploadPurposeName, type UsableUpload, usableUpload } from "./usable.ts";
