import ipaddr from "ipaddr.js";

/**
 * What an IP address is, for outbound requests: only "public" is reachable by default. Every
 * range that is not global unicast gets a name, so a refusal says why.
 */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "linkLocal"
  | "carrierGradeNat"
  | "uniqueLocal"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "invalid";

/** Cloud instance-metadata endpoints (AWS, GCP, Azure, Alibaba; AWS's IPv6 one). */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

/** Ranges that are internal but ordinary: reachable when private addresses are allowed (tests, a lab). */
const INTERNAL: ReadonlySet<AddressKind> = new Set([
  "loopback",
  "private",
  "linkLocal",
  "carrierGradeNat",
  "uniqueLocal",
]);

const V4_KINDS: Partial<Record<string, AddressKind>> = {
  unicast: "public",
  loopback: "loopback",
  private: "private",
  linkLocal: "linkLocal",
  carrierGradeNat: "carrierGradeNat",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
};

/** Classes one address (v4 or v6, as DNS or a URL gives it); IPv4 inside IPv6 is judged as IPv4. */
export function classifyAddress(address: string): AddressKind {
  const text = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(text)) return "invalid";
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === "ipv4") return classifyV4(parsed as ipaddr.IPv4);
  return classifyV6(parsed as ipaddr.IPv6);
}

/** Whether a request may connect to this address under the policy. */
export function addressAllowed(address: string, allowPrivate: boolean): boolean {
  const kind = classifyAddress(address);
  return kind === "public" || (allowPrivate && INTERNAL.has(kind));
}

function classifyV4(ip: ipaddr.IPv4): AddressKind {
  if (METADATA.has(ip.toString())) return "metadata";
  return V4_KINDS[ip.range()] ?? "reserved";
}

function classifyV6(ip: ipaddr.IPv6): AddressKind {
  // toString() is the compressed, lower-case form.
  if (METADATA.has(ip.toString())) return "metadata";
  const range = ip.range();
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (SIIT) and 64:ff9b::a.b.c.d (NAT64) reach an IPv4 host.
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return classifyV4(embeddedV4(ip));
  switch (range) {
    case "unicast":
      // Global unicast is 2000::/3; anything else ipaddr.js leaves unnamed (::/8 with the deprecated
      // IPv4-compatible form, for one) is not.
      return (ip.parts[0] ?? 0) >> 13 === 1 ? "public" : "reserved";
    case "loopback":
      return "loopback";
    case "linkLocal":
      return "linkLocal";
    case "uniqueLocal":
      return "uniqueLocal";
    case "unspecified":
      return "unspecified";
    case "multicast":
      return "multicast";
    default:
      return "reserved";
  }
}

function embeddedV4(ip: ipaddr.IPv6): ipaddr.IPv4 {
  const high = ip.parts[6] ?? 0;
  const low = ip.parts[7] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
