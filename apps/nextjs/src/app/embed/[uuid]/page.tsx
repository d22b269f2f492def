import { getPublicVideo } from "@videofly/common";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

// A bare player for embedding public videos elsewhere: it covers the site chrome entirely.
export default async function EmbedPage({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  const video = /^[0-9a-f-]{36}$/.test(uuid) ? await getPublicVideo(uuid) : null;
  if (!video?.videoUrl) notFound();
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black">
      {/* biome-ignore lint/a11y/useMediaCaption: generated videos have no captions to offer */}
      <video src={video.videoUrl} controls playsInline className="h-full w-full object-contain" title={video.prompt} />
    </div>
  );
}
