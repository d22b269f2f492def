import { describe, expect, it } from "vitest";
import { addressAllowed, classifyAddress } from "../../src/net/index.ts";

describe("the outbound address classifier", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::8.8.8.8", "public"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(addressAllowed(address, false)).toBe(true);
  });

  it.each([
    // IPv4
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["169.254.0.1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.254", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["240.0.0.1", "reserved"],
    // IPv6
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["febf:ffff::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fdff:ffff::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["fec0::1", "reserved"],
    // IPv4 inside IPv6: judged as the IPv4 host it reaches
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:100.64.0.1", "carrierGradeNat"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["64:ff9b::192.168.1.1", "private"],
    // cloud metadata
    ["169.254.169.254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["FD00:EC2:0:0::254", "metadata"],
    ["not an address", "invalid"],
  ])("%s is %s, refused", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(addressAllowed(address, false)).toBe(false);
  });

  it("allows internal ranges only when asked, and never metadata, multicast or the unspecified address", () => {
    const internal = ["127.0.0.1", "::1", "10.0.0.1", "192.168.1.1", "169.254.0.1", "100.64.0.1", "fd12::1"];
    for (const address of internal) expect(addressAllowed(address, true), address).toBe(true);
    const never = [
      "169.254.169.254",
      "fd00:ec2::254",
      "::ffff:169.254.169.254",
      "0.0.0.0",
      "::",
      "224.0.0.1",
      "ff02::1",
    ];
    for (const address of never) expect(addressAllowed(address, true), address).toBe(false);
  });
});
