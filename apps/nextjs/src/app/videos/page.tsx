import type { Metadata } from "next";
import { Suspense } from "react";
import { VideoLibrary } from "./video-library";

export const metadata: Metadata = { title: "My videos — VideoFly" };

export default function VideosPage() {
  // The filters live in the URL (useSearchParams), which is only known in the browser.
  return (
    <Suspense>
      <VideoLibrary />
    </Suspense>
  );
}
