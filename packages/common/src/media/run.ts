import { spawn } from "node:child_process";

/** ffmpeg or ffprobe could not read the input, or did not finish in time. */
export class MediaToolError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "MediaToolError";
  }
}

const KEEP_STDERR = 4000;

/**
 * Runs a media tool to completion and gives back its stdout. Arguments go straight to the process
 * (no shell), and inputs are paths or URLs we made, never user-typed text.
 */
export function runTool(binary: string, args: string[], { timeoutMs = 120_000 } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < KEEP_STDERR) err += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new MediaToolError(`${binary} did not start: ${error.message}`, ""));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = err.slice(0, KEEP_STDERR);
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      const why = signal ? `was stopped (${signal})` : `exited with ${code}`;
      reject(new MediaToolError(`${binary.split("/").pop()} ${why}: ${lastLine(stderr)}`, stderr));
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}
