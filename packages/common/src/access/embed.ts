import type { OpenDoor } from "./doors.ts";

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The embed door's answer: the player URL and an <iframe> sized to the video's aspect ratio. */
export function embedSnippet(door: OpenDoor & { video: { aspectRatio: string } }) {
  const [w, h] = door.video.aspectRatio.split(":").map(Number);
  const height = w && h ? Math.round((640 * h) / w) : 360;
  const iframe = `<iframe src="${escapeAttribute(door.url)}" width="640" height="${height}" title="${escapeAttribute(
    door.video.prompt.slice(0, 100),
  )}" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>`;
  return { playerUrl: door.url, iframe, badge: door.badge };
}
