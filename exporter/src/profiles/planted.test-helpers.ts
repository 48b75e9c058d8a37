import type { IncomingEvent } from '../store/types';

const DAY0 = Date.UTC(2024, 4, 6);
const MIN = 60_000;

/** Three clearly different kinds of users, `perKind` each: ids `search-<i>`, `shop-<i>`, `night-<i>`. */
export function plantedEvents(perKind: number): IncomingEvent[] {
  const out: IncomingEvent[] = [];
  for (let i = 0; i < perKind; i++) {
    // searchers: long daytime sessions of search → result pages, small JSON responses
    for (let s = 0; s < 3; s++) {
      const start = DAY0 + s * 86_400_000 + (10 * 60 + i) * MIN;
      for (let j = 0; j < 12; j++) {
        out.push({ userId: `search-${i}`, sessionId: `search-${i}-${s}`, timestamp: start + j * MIN, action: j % 2 ? 'result' : 'search', dataType: 'json', bytes: 2_000, status: 200 });
      }
    }
    // shoppers: short sessions cart → checkout with failures, in the afternoon
    const start = DAY0 + (15 * 60 + i) * MIN;
    for (let j = 0; j < 4; j++) {
      out.push({ userId: `shop-${i}`, sessionId: `shop-${i}`, timestamp: start + j * 20_000, action: j % 2 ? 'checkout' : 'cart', status: j === 3 ? 502 : 200, bytes: 500 });
    }
    // night readers: one long article session at 03:00 with large images
    const night = DAY0 + (3 * 60 + i) * MIN;
    for (let j = 0; j < 6; j++) {
      out.push({ userId: `night-${i}`, sessionId: `night-${i}`, timestamp: night + j * 3 * MIN, action: 'article', dataType: 'jpg', bytes: 400_000, status: 200 });
    }
  }
  return out;
}
