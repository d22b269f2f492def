import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pool } from "@videofly/db";
import { probeMedia, sniffFile } from "../../src/media/index.ts";
import { openLocalFile, storageKeys, verifyLocalFileSignature } from "../../src/storage/index.ts";
import { sampleMedia } from "../../src/testing/index.ts";
import type { UploadFacts, UploadPurposeName } from "../../src/uploads/index.ts";
import { files } from "../../src/video/files.ts";

/**
 * A COMPLETED upload as the uploads service leaves it: the real file in storage and its facts
 * (probeMedia + sniffFile) in the `upload` row. Returns its id and facts.
 */
export async function completedUpload(
  userId: string,
  purpose: UploadPurposeName,
  file: string,
): Promise<{ id: string; facts: UploadFacts }> {
  const sniffed = await sniffFile(file);
  if (!sniffed) throw new Error(`not media: ${file}`);
  const { size } = await stat(file);
  const facts: UploadFacts = { ...(await probeMedia(file)), ...sniffed, size };
  const id = `upl_${crypto.randomUUID().replaceAll("-", "")}`;
  const key = storageKeys.upload(userId, id, sniffed.ext);
  await files().put(key, createReadStream(file), { contentType: sniffed.mime, contentLength: size });
  await pool().query(
    `INSERT INTO upload (id, "userId", purpose, status, "fileName", "contentType", size, key, "partSize", "partCount",
                         "multipartId", facts, "completedAt")
     VALUES ($1, $2, $3::"UploadPurpose", 'COMPLETED', $4, $5, $6, $7, $8, 1, 'test', $9::jsonb, now())`,
    [id, userId, purpose, `sample.${sniffed.ext}`, sniffed.mime, size, key, size, JSON.stringify(facts)],
  );
  return { id, facts };
}

/** Sample media made by ffmpeg, uploaded. */
export async function sampleUpload(
  userId: string,
  kind: "video" | "silent-video" | "audio" | "image",
  seconds?: number,
) {
  const purpose = ({ video: "VIDEO", "silent-video": "VIDEO", audio: "AUDIO", image: "IMAGE" } as const)[kind];
  return completedUpload(userId, purpose, await sampleMedia(kind, { seconds }));
}

/**
 * The app's local files route (`/api/v1/files/<key>`), as the app serves it: the same signature
 * check and file opening. Returns its origin, to be APP_URL.
 */
export async function startFilesServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://app");
    const prefix = "/api/v1/files/";
    if (!url.pathname.startsWith(prefix)) return res.writeHead(404).end();
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    const ok = verifyLocalFileSignature({
      key,
      method: "GET",
      expires: url.searchParams.get("expires") ?? "",
      signature: url.searchParams.get("sig") ?? "",
      downloadName: url.searchParams.get("name") ?? undefined,
    });
    const file = ok ? await openLocalFile(key) : null;
    if (!file) return res.writeHead(ok ? 404 : 403).end();
    res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.size) });
    file.stream.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
