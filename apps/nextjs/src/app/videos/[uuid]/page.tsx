import { getSessionIdentity } from "@videofly/auth";
import { getVideo, isAppError } from "@videofly/common";
import { headers } from "next/headers";
import { OwnerVideo } from "./owner-video";
import { SharedVideo } from "./shared-video";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the signed-in user owns the video; anyone else (or anonymous) sees what the play door lets through. */
async function ownsVideo(uuid: string): Promise<boolean> {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  if (!identity || !UUID.test(uuid)) return false;
  return getVideo(identity.user.id, uuid).then(
    () => true,
    (error) => {
      if (isAppError(error) && error.status === 404) return false;
      throw error;
    },
  );
}

/**
 * A video's page: its owner manages it and who may see it; anyone with the link watches it when
 * it is unlisted or public (the play door decides), and a private one is not found for them.
 */
export default async function VideoPage({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  return (await ownsVideo(uuid)) ? <OwnerVideo uuid={uuid} /> : <SharedVideo uuid={uuid} />;
}
