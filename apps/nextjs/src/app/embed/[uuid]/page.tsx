import { getSessionIdentity } from "@videofly/auth";
import { isAppError, type OpenDoor, openVideoDoor } from "@videofly/common";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { viewerOf } from "@/server/viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "VideoFly player", robots: { index: false, follow: false } };

type Opened = { door: OpenDoor } | { refusal: string };

async function open(uuid: string): Promise<Opened> {
  const requestHeaders = await headers();
  const identity = await getSessionIdentity(requestHeaders).catch(() => null);
  try {
    return { door: await openVideoDoor("embed", uuid, viewerOf(requestHeaders, identity), { defer: after }) };
  } catch (error) {
    if (isAppError(error) && error.status === 403) return { refusal: error.message };
    if (isAppError(error) && (error.status === 404 || error.status === 409)) notFound();
    throw error;
  }
}

/**
 * The player other sites put in an iframe: the embed door decides (the video shared and
 * embeddable, the embedding page on one of its domains); the proxy's frame-ancestors says the
 * same to the browser. The layout renders it bare: the player is the whole page.
 */
export default async function EmbedPage({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  if (!/^[0-9a-f-]{36}$/.test(uuid)) notFound();
  const opened = await open(uuid);
  if ("refusal" in opened) {
    return (
      <main className="fixed inset-0 z-50 flex items-center justify-center bg-black p-6 text-center text-white">
        <p role="alert" data-testid="embed-refused">
          {opened.refusal}
        </p>
      </main>
    );
  }
  const { door } = opened;
  return (
    <main className="fixed inset-0 z-50 flex items-center justify-center bg-black">
      {/* biome-ignore lint/a11y/useMediaCaption: generated videos have no captions to offer */}
      <video
        src={door.mediaUrl}
        poster={door.posterUrl ?? undefined}
        controls
        playsInline
        className="h-full w-full object-contain"
        title={door.video.prompt}
        data-testid="embed-video"
      />
      {door.badge && (
        <a
          href="/"
          target="_blank"
          rel="noopener"
          className="absolute right-3 bottom-12 rounded bg-black/60 px-2 py-1 text-xs font-medium text-white"
          data-testid="embed-badge"
        >
          Made with VideoFly
        </a>
      )}
    </main>
  );
}
