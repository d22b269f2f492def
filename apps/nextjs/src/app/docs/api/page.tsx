import type { Metadata } from "next";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference — VideoFly" };

export default function ApiReferencePage() {
  return <ApiReference specUrl="/api/v1/openapi.json" scriptUrl="/docs/api/scalar.js" />;
}
