import ipaddr from "ipaddr.js";
import { z } from "zod";

/**
 * The caller's address as a route handler can know it.
 *
 * A Next.js 16 route handler never sees the socket. Next's own server (base-server.js,
 * `handleRequestImpl`) fills `x-forwarded-for` from `socket.remoteAddress` only when the request
 * has none (`req.headers['x-forwarded-for'] ??= …`): a client-sent header is kept as it came,
 * neither overwritten nor appended to. So without a proxy in front every value of the header may
 * be the client's own invention, and the address is unknown. Each proxy we run appends the
 * address it saw (or, like Vercel's edge, replaces the header with it), so with N proxies in front
 * the N-th entry from the right was written by the outermost one: that is the caller.
 *
 * `trustedProxyHops` is that N (TRUSTED_PROXY_HOPS). 0, the default, means no proxy is trusted and
 * the result is null: a key limited to some addresses is then refused rather than fooled.
 * The app's port must not be reachable around the proxies, or the header is the caller's again.
 */
export function clientIp(headers: Headers, options: { trustedProxyHops: number }): string | null {
  if (options.trustedProxyHops < 1) return null;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = chain[chain.length - options.trustedProxyHops];
  return entry === undefined ? null : canonicalAddress(stripPort(entry));
}

/** Whether `ip` may use a key limited to `allowedIps` (addresses or CIDR ranges); no list: anyone. */
export function ipAllowed(ip: string | null, allowedIps: readonly string[] | null): boolean {
  if (!allowedIps || allowedIps.length === 0) return true;
  const address = ip === null ? null : parseAddress(ip);
  if (!address) return false;
  return allowedIps.some((entry) => {
    const range = parseRange(entry);
    return range !== null && address.kind() === range[0].kind() && address.match(range);
  });
}

/**
 * One `allowedIps` entry: an IPv4 or IPv6 address or CIDR range, stored in canonical form
 * (`10.1.0.0/16` for `10.1.2.3/16`, compressed IPv6, IPv4-mapped IPv6 as IPv4).
 */
export const allowedIpSchema = z
  .string()
  .trim()
  .max(64)
  .transform((raw, ctx) => {
    const canonical = canonicalEntry(raw);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: `Not an IP address or CIDR range: ${raw}` });
      return z.NEVER;
    }
    return canonical;
  });

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(text: string): Address | null {
  const standard = ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(":") && ipaddr.IPv6.isValid(text));
  return standard ? ipaddr.process(text) : null;
}

function canonicalAddress(text: string): string | null {
  return parseAddress(text)?.toString() ?? null;
}

function parseRange(entry: string): [Address, number] | null {
  const slash = entry.indexOf("/");
  if (slash === -1) {
    const address = parseAddress(entry);
    return address ? [address, address.kind() === "ipv4" ? 32 : 128] : null;
  }
  const address = parseAddress(entry.slice(0, slash));
  const bits = entry.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(bits)) return null;
  const prefix = Number(bits);
  return prefix <= (address.kind() === "ipv4" ? 32 : 128) ? [address, prefix] : null;
}

function canonicalEntry(entry: string): string | null {
  const range = parseRange(entry);
  if (!range) return null;
  if (!entry.includes("/")) return range[0].toString();
  const [address, prefix] = range;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return `${network.toString()}/${prefix}`;
}

/** `1.2.3.4:5678` and `[2001:db8::1]:443` as some proxies write them; a bare IPv6 stays whole. */
function stripPort(entry: string): string {
  const bracketed = entry.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = entry.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/);
  return v4WithPort?.[1] ?? entry;
}
