import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * SSRF guard for notification targets. Loopback, link-local (cloud metadata at 169.254.169.254),
 * private, shared, multicast and unspecified addresses are refused unless ALERTS_ALLOWED_TARGETS lists
 * them. Checked on the URL's literal address, on every address its name resolves to when a channel
 * is saved, and again at connect time through `lookup` (a name re-pointed after the check, DNS
 * rebinding, is caught where the socket is opened).
 */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const BLOCKED_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10],
  ['fc00::', 7],
  ['ff00::', 8],
  ['64:ff9b::', 96],
];

export class TargetRefused extends Error {}

@Injectable()
export class TargetGuard {
  private readonly blocked = new BlockList();
  private readonly allowed = new BlockList();

  constructor(@Inject(APP_CONFIG) config: { alerts: Pick<AppConfig['alerts'], 'allowedTargets'> }) {
    for (const [address, prefix] of BLOCKED_V4) this.blocked.addSubnet(address, prefix, 'ipv4');
    for (const [address, prefix] of BLOCKED_V6) this.blocked.addSubnet(address, prefix, 'ipv6');
    for (const subnet of config.alerts.allowedTargets) {
      this.allowed.addSubnet(subnet.address, subnet.prefix, subnet.family);
    }
  }

  /** Why `address` may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const ip = mapped ?? address;
    const family = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(ip, family) || !this.blocked.check(ip, family)) return undefined;
    return `points at ${ip}, a loopback, link-local or private address (allow it with ALERTS_ALLOWED_TARGETS)`;
  }

  /** Checks a URL's host: its literal address, or every address its name resolves to now. */
  async check(url: string): Promise<string | undefined> {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) return this.refusal(host);
    if (host === 'localhost' || host.endsWith('.localhost')) return this.refusal('127.0.0.1');
    const addresses = await new Promise<LookupAddress[] | Error>((resolve) =>
      dnsLookup(host, { all: true }, (error, found) => resolve(error ?? found)),
    );
    if (addresses instanceof Error) return `names a host that does not resolve (${host})`;
    for (const { address } of addresses) {
      const refusal = this.refusal(address);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** A `lookup` for http(s).request that refuses to connect to a guarded address. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      for (const { address } of addresses) {
        const refusal = this.refusal(address);
        if (refusal)
          return callback(Object.assign(new TargetRefused(refusal), { code: 'ETARGETREFUSED' }), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return first
        ? callback(null, first.address, first.family)
        : callback(new Error(`${hostname} has no address`), '');
    });
  };
}
