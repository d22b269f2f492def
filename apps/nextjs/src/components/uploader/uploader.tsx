"use client";

import { UploadIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, describeError } from "@/lib/api";
import { type CompletedUpload, UploadAborted, UploadJob, type UploadProgress, type UploadPurpose } from "./engine";

export type { CompletedUpload, UploadPurpose } from "./engine";

const ACCEPT: Record<UploadPurpose, string> = {
  image: "image/png,image/jpeg,image/webp",
  video: "video/mp4,video/quicktime,video/webm",
  audio: "audio/*",
};

type State =
  | { phase: "idle" }
  | { phase: "uploading"; progress: UploadProgress | null }
  | { phase: "done"; upload: CompletedUpload }
  | { phase: "error"; message: string; retryable: boolean }
  | { phase: "cancelled" };

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * A large file (up to 500 MB) uploaded in parts: dropped or picked, with a progress bar, speed and
 * time left, cancel, and retry after a failure (only the missing parts are sent again).
 * `onComplete` gets the upload's id and what the bytes turned out to be.
 */
export function Uploader({
  purpose,
  onComplete,
  label,
}: {
  purpose: UploadPurpose;
  onComplete?: (upload: CompletedUpload) => void;
  label?: string;
}) {
  const t = useTranslations("uploader");
  const [state, setState] = useState<State>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const job = useRef<UploadJob | null>(null);
  const inputId = `uploader-${purpose}`;

  async function run(current: UploadJob) {
    job.current = current;
    setState({ phase: "uploading", progress: null });
    try {
      const upload = await current.start();
      if (job.current !== current) return;
      setState({ phase: "done", upload });
      onComplete?.(upload);
    } catch (error) {
      if (job.current !== current) return;
      if (error instanceof UploadAborted) setState({ phase: "cancelled" });
      else {
        // A refusal of the file itself (its bytes, its size, an aborted upload) is not cured by sending again.
        const refused = error instanceof ApiError && [400, 404, 409, 413].includes(error.status);
        setState({ phase: "error", message: describeError(error, t("failed")), retryable: !refused });
      }
    }
  }

  function choose(file: File | undefined) {
    if (!file || state.phase === "uploading") return;
    const current: UploadJob = new UploadJob({
      file,
      purpose,
      onProgress: (progress) => {
        if (job.current === current) setState({ phase: "uploading", progress });
      },
    });
    void run(current);
  }

  const progress = state.phase === "uploading" ? state.progress : null;
  const percent =
    state.phase === "done"
      ? 100
      : progress && progress.total > 0
        ? Math.floor((progress.loaded / progress.total) * 100)
        : 0;

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid={`uploader-${purpose}`}>
      <label
        htmlFor={inputId}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed p-6 text-center transition-colors hover:bg-muted/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 ${dragging ? "border-primary bg-primary/10" : "border-input"}`}
      >
        <UploadIcon aria-hidden className="size-5 text-muted-foreground" />
        <span className="font-medium">{label ?? t(`label.${purpose}`)}</span>
        <span className="text-muted-foreground">{t("hint")}</span>
        <input
          id={inputId}
          type="file"
          className="sr-only"
          accept={ACCEPT[purpose]}
          disabled={state.phase === "uploading"}
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      {(state.phase === "uploading" || state.phase === "done") && (
        <div className="flex flex-col gap-1">
          <progress
            className="h-2 w-full overflow-hidden rounded-full accent-primary"
            max={100}
            value={percent}
            aria-label={t("progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          />
          <span aria-live="polite">
            {percent}%
            {progress &&
              ` · ${t("sent", { sent: megabytes(progress.loaded), total: megabytes(progress.total) })} · ${t("speed", {
                speed: megabytes(progress.bytesPerSecond),
              })}${progress.secondsLeft === null ? "" : ` · ${t("left", { seconds: Math.ceil(progress.secondsLeft) })}`}`}
          </span>
        </div>
      )}
      {state.phase === "uploading" && (
        <Button variant="outline" size="sm" className="self-start" onClick={() => void job.current?.cancel()}>
          {t("cancel")}
        </Button>
      )}
      {state.phase === "done" && <span className="text-success">{t("done", { mime: state.upload.mime })}</span>}
      {state.phase === "cancelled" && <span>{t("cancelled")}</span>}
      {state.phase === "error" && (
        <Alert variant="destructive">
          <AlertDescription className="flex flex-wrap items-center gap-2">
            <span>{state.message}</span>
            {state.retryable && job.current && (
              <Button variant="outline" size="sm" onClick={() => job.current && void run(job.current)}>
                {t("retry")}
              </Button>
            )}
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
