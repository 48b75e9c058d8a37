import dgram from 'node:dgram';
import net from 'node:net';
import { parseKpiLine } from './haproxy-log';
import type { KpiWindow } from './kpi-window';

export interface KpiListener {
  /** The UDP port HAProxy's `log` line points at. */
  readonly port: number;
  /** Log lines that were not KPI lines (other HAProxy messages). */
  readonly ignored: () => number;
  /** Datagrams dropped because their source address is not in the allowlist. */
  readonly rejected: () => number;
  close(): Promise<void>;
}

export interface KpiListenerOptions {
  /**
   * Source addresses whose datagrams are accepted (syslog over UDP carries no authentication; anyone
   * who can reach the port could forge KPIs). Default: every source, which is only safe on loopback.
   */
  readonly allowFrom?: readonly string[];
  /** Every accepted message, KPI line or not (the HAProxy log events source reads the same lines). */
  readonly onMessage?: (text: string) => void;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same sender. */
function plainAddress(a: string): string {
  return a.startsWith('::ffff:') && net.isIPv4(a.slice(7)) ? a.slice(7) : a;
}

/** Whether an address is a loopback one (127.0.0.0/8 or ::1). */
export function isLoopback(host: string): boolean {
  const a = plainAddress(host);
  return a === '::1' || a === 'localhost' || (net.isIPv4(a) && a.startsWith('127.'));
}

/**
 * Receives HAProxy's syslog datagrams on host:port (0: any free port) and records KPI lines in the
 * window(s). Bind it to loopback (the exporter's default, 127.0.0.1): the port is unauthenticated.
 */
export async function listenForKpis(windows: KpiWindow | readonly KpiWindow[], host: string, port: number, options: KpiListenerOptions = {}): Promise<KpiListener> {
  const targets = Array.isArray(windows) ? (windows as readonly KpiWindow[]) : [windows as KpiWindow];
  for (const a of options.allowFrom ?? []) {
    if (net.isIP(plainAddress(a)) === 0) throw new RangeError(`allowFrom must hold IP addresses, got "${a}"`);
  }
  const allowed = options.allowFrom ? new Set(options.allowFrom.map(plainAddress)) : undefined;
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  let ignored = 0;
  let rejected = 0;
  socket.on('message', (msg, from) => {
    if (allowed && !allowed.has(plainAddress(from.address))) {
      rejected++;
      return;
    }
    const text = msg.toString('utf8');
    options.onMessage?.(text);
    const r = parseKpiLine(text);
    if (r) for (const w of targets) w.record(r);
    else ignored++;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    ignored: () => ignored,
    rejected: () => rejected,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
