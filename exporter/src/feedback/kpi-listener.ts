import dgram from 'node:dgram';
import { parseKpiLine } from './haproxy-log';
import type { KpiWindow } from './kpi-window';

export interface KpiListener {
  /** The UDP port HAProxy's `log` line points at. */
  readonly port: number;
  /** Log lines that were not KPI lines (other HAProxy messages). */
  readonly ignored: () => number;
  close(): Promise<void>;
}

/** Receives HAProxy's syslog datagrams on host:port (0: any free port) and records KPI lines in the window. */
export async function listenForKpis(window: KpiWindow, host: string, port: number): Promise<KpiListener> {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  let ignored = 0;
  socket.on('message', (msg) => {
    const r = parseKpiLine(msg.toString('utf8'));
    if (r) window.record(r);
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
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
