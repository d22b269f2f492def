/** What the accessibility test makes before it visits the pages that show one of a user's things. */
export interface A11ySeed {
  /** A finished, public video of the signed-in user. */
  videoUuid: string;
  /** A finished batch of the signed-in user. */
  batchId: string;
  /** A project of the signed-in user. */
  projectId: string;
}

/**
 * Who sees a page: `public` pages are checked signed out and signed in, `user` pages signed in,
 * `admin` pages signed in as an admin.
 */
export type Access = "public" | "user" | "admin";

export interface A11yPage {
  /** The route as the app directory spells it (`/videos/[uuid]`). */
  route: string;
  /** Names the page in the report and its screenshots (`artifacts/screenshots/<name>-<theme>-<width>.png`). */
  name: string;
  path: (seed: A11ySeed) => string;
  access: Access;
}

const at = (path: string) => () => path;

/** Routes not checked: the production build answers /dev/mail (the development mailbox) with a 404. */
export const UNCHECKED_ROUTES = ["/dev/mail"];

/**
 * Every page of the app (src/app/**\/page.tsx), with the seeded thing in its path where it has one;
 * the test fails when a page is neither here nor in UNCHECKED_ROUTES.
 */
export const A11Y_PAGES: A11yPage[] = [
  { route: "/", name: "home", path: at("/"), access: "public" },
  { route: "/pricing", name: "pricing", path: at("/pricing"), access: "public" },
  { route: "/sign-in", name: "sign-in", path: at("/sign-in"), access: "public" },
  { route: "/sign-up", name: "sign-up", path: at("/sign-up"), access: "public" },
  { route: "/forgot-password", name: "forgot-password", path: at("/forgot-password"), access: "public" },
  { route: "/reset-password", name: "reset-password", path: at("/reset-password?token=a11y-token"), access: "public" },
  { route: "/docs/api", name: "docs-api", path: at("/docs/api"), access: "public" },
  { route: "/videos/[uuid]", name: "video", path: (s) => `/videos/${s.videoUuid}`, access: "public" },
  { route: "/embed/[uuid]", name: "embed", path: (s) => `/embed/${s.videoUuid}`, access: "public" },
  { route: "/dashboard", name: "dashboard", path: at("/dashboard"), access: "user" },
  { route: "/create", name: "create", path: at("/create"), access: "user" },
  { route: "/videos", name: "videos", path: at("/videos"), access: "user" },
  { route: "/batches", name: "batches", path: at("/batches"), access: "user" },
  { route: "/batches/new", name: "batch-new", path: at("/batches/new"), access: "user" },
  { route: "/batches/[id]", name: "batch", path: (s) => `/batches/${s.batchId}`, access: "user" },
  { route: "/projects", name: "projects", path: at("/projects"), access: "user" },
  { route: "/projects/[id]", name: "project", path: (s) => `/projects/${s.projectId}`, access: "user" },
  { route: "/usage", name: "usage", path: at("/usage"), access: "user" },
  { route: "/uploads", name: "uploads", path: at("/uploads"), access: "user" },
  { route: "/credits", name: "credits", path: at("/credits"), access: "user" },
  { route: "/billing", name: "billing", path: at("/billing"), access: "user" },
  { route: "/settings/profile", name: "settings-profile", path: at("/settings/profile"), access: "user" },
  { route: "/settings/api-keys", name: "settings-api-keys", path: at("/settings/api-keys"), access: "user" },
  { route: "/settings/webhooks", name: "settings-webhooks", path: at("/settings/webhooks"), access: "user" },
  { route: "/admin", name: "admin", path: at("/admin"), access: "admin" },
  { route: "/admin/api-keys", name: "admin-api-keys", path: at("/admin/api-keys"), access: "admin" },
  { route: "/admin/batches", name: "admin-batches", path: at("/admin/batches"), access: "admin" },
];

export const LOCALES = ["en", "zh"] as const;
export const WIDTHS = [1280, 360] as const;
export const THEMES = ["light", "dark"] as const;
