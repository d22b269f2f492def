import {
  BarChart3,
  Clapperboard,
  CreditCard,
  FolderKanban,
  KeyRound,
  Layers,
  LayoutDashboard,
  type LucideIcon,
  Shield,
  Sparkles,
  Upload,
  UserRound,
  Webhook,
} from "lucide-react";

/** A page of the sidebar: `key` names its label in the `nav` messages. */
export type NavItem = { href: string; key: string; icon: LucideIcon };

export const MAIN_NAV: NavItem[] = [
  { href: "/dashboard", key: "dashboard", icon: LayoutDashboard },
  { href: "/create", key: "create", icon: Sparkles },
  { href: "/videos", key: "videos", icon: Clapperboard },
  { href: "/batches", key: "batches", icon: Layers },
  { href: "/projects", key: "projects", icon: FolderKanban },
  { href: "/uploads", key: "uploads", icon: Upload },
  { href: "/usage", key: "usage", icon: BarChart3 },
];

export const SETTINGS_NAV: NavItem[] = [
  { href: "/settings/profile", key: "profile", icon: UserRound },
  { href: "/settings/api-keys", key: "apiKeys", icon: KeyRound },
  { href: "/settings/webhooks", key: "webhooks", icon: Webhook },
  { href: "/billing", key: "billing", icon: CreditCard },
];

export const ADMIN_NAV: NavItem = { href: "/admin", key: "admin", icon: Shield };

/** Whether `href` is the page at `pathname` or one of its sub-pages. */
export const isCurrent = (href: string, pathname: string) => pathname === href || pathname.startsWith(`${href}/`);
