import { describe, expect, it } from "vitest";
import { apiKeySchemas } from "../src/api-key-schemas.ts";
import { clientIp, ipAllowed } from "../src/client-ip.ts";
import { authConfig } from "../src/config.ts";

const forwarded = (...values: string[]) => {
  const headers = new Headers();
  for (const value of values) headers.append("x-forwarded-for", value);
  return headers;
};

describe("clientIp", () => {
  it("knows no address when no proxy is trusted, whatever the client claims", () => {
    expect(clientIp(forwarded("203.0.113.7"), { trustedProxyHops: 0 })).toBeNull();
    expect(clientIp(new Headers(), { trustedProxyHops: 0 })).toBeNull();
    expect(authConfig({}).trustedProxyHops).toBe(0);
    expect(authConfig({ TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
    expect(() => authConfig({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("takes the entry the outermost trusted proxy appended, ignoring what the client put before it", () => {
    expect(clientIp(forwarded("203.0.113.7"), { trustedProxyHops: 1 })).toBe("203.0.113.7");
    expect(clientIp(forwarded("10.9.9.9, 203.0.113.7"), { trustedProxyHops: 1 })).toBe("203.0.113.7");
    expect(clientIp(forwarded("1.1.1.1, 203.0.113.7, 10.0.0.2"), { trustedProxyHops: 2 })).toBe("203.0.113.7");
    // Repeated headers are one list, in order.
    expect(clientIp(forwarded("1.1.1.1", "203.0.113.7"), { trustedProxyHops: 1 })).toBe("203.0.113.7");
  });

  it("is null when the chain is shorter than the proxies trusted, or the entry is not an address", () => {
    expect(clientIp(forwarded("203.0.113.7"), { trustedProxyHops: 2 })).toBeNull();
    expect(clientIp(new Headers(), { trustedProxyHops: 1 })).toBeNull();
    for (const junk of ["unknown", "0x7f.1", "127.1", "999.1.1.1", "", "203.0.113.7/24"]) {
      expect(clientIp(forwarded(junk), { trustedProxyHops: 1 }), junk).toBeNull();
    }
  });

  it("reads ports, brackets and IPv4-mapped IPv6 as the plain address", () => {
    const one = (value: string) => clientIp(forwarded(value), { trustedProxyHops: 1 });
    expect(one("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(one("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(one("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(one("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });
});

describe("ipAllowed", () => {
  it("lets anyone use a key without a list", () => {
    expect(ipAllowed("203.0.113.7", null)).toBe(true);
    expect(ipAllowed(null, null)).toBe(true);
    expect(ipAllowed(null, [])).toBe(true);
  });

  it("matches addresses and CIDR ranges of both families", () => {
    const list = ["203.0.113.7", "10.1.0.0/16", "2001:db8::/32"];
    expect(ipAllowed("203.0.113.7", list)).toBe(true);
    expect(ipAllowed("203.0.113.8", list)).toBe(false);
    expect(ipAllowed("10.1.255.254", list)).toBe(true);
    expect(ipAllowed("10.2.0.1", list)).toBe(false);
    expect(ipAllowed("2001:db8:abcd::5", list)).toBe(true);
    expect(ipAllowed("2001:db9::5", list)).toBe(false);
    expect(ipAllowed("::ffff:10.1.2.3", list)).toBe(true);
    expect(ipAllowed("0.0.0.0", ["0.0.0.0/0"])).toBe(true);
    expect(ipAllowed("::1", ["0.0.0.0/0"])).toBe(false);
  });

  it("refuses an unknown or unreadable caller when a list exists", () => {
    expect(ipAllowed(null, ["0.0.0.0/0"])).toBe(false);
    expect(ipAllowed("not-an-ip", ["0.0.0.0/0"])).toBe(false);
  });
});

describe("allowedIps entries", () => {
  const parse = (allowedIps: string[]) =>
    apiKeySchemas.createBody.safeParse({ name: "k", scopes: ["videos:read"], allowedIps });

  it("are stored canonical: network address of a range, compressed IPv6, no duplicates", () => {
    expect(parse(["10.1.2.3/16", "10.1.0.0/16", " 2001:DB8::1 ", "2001:db8:1:2::/32"]).data?.allowedIps).toEqual([
      "10.1.0.0/16",
      "2001:db8::1",
      "2001:db8::/32",
    ]);
  });

  it("refuse what is not an address or range", () => {
    for (const bad of ["10.0.0.1/33", "2001:db8::/129", "10.0.0.0/8/1", "10.0.0.0/x", "localhost", "0x7f.1", "1.2.3"]) {
      expect(parse([bad]).success, bad).toBe(false);
    }
  });
});
