import { Counter, Gauge, type Registry } from 'prom-client';
import { OTHER_ACTION } from '@shadowfleet/models';
import type { BehaviourService } from './behaviour-service';

/** Action classes published as labels: the most frequent ones; the rest add up under "other". */
export const MAX_ACTION_SERIES = 50;

/** Gauges filled at scrape time from the behaviour service (no per-user labels). */
export function registerBehaviourMetrics(registry: Registry, service: BehaviourService): void {
  const perHorizon = (name: string, help: string, pick: (f: BehaviourService['forecasts'][number]) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['horizon'],
      registers: [registry],
      collect() {
        this.reset();
        for (const f of service.forecasts) this.set({ horizon: `${f.horizonMinutes}m` }, pick(f));
      },
    });
  };
  perHorizon('shadowfleet_predicted_complexity_load', 'Expected complexity units of the next horizon: active sessions rolled out plus expected new sessions', (f) => f.complexity);
  perHorizon('shadowfleet_predicted_sessions', 'Expected new sessions in the next horizon', (f) => f.newSessions);
  perHorizon('shadowfleet_predicted_requests', 'Expected requests (actions) in the next horizon', (f) => f.requests);
  new Gauge({
    name: 'shadowfleet_active_sessions',
    help: 'Sessions active now (an event within the session gap)',
    registers: [registry],
    collect() {
      this.set(service.load.activeSessions);
    },
  });
  new Gauge({
    name: 'shadowfleet_action_complexity_units',
    help: `Learned complexity units of one action (median cost x (1 + error rate)); the ${MAX_ACTION_SERIES} most frequent actions, the rest as "${OTHER_ACTION}"`,
    labelNames: ['action'],
    registers: [registry],
    collect() {
      this.reset();
      const byAction = new Map<string, { units: number; n: number }>();
      for (const s of service.scorer.snapshot()) {
        const cur = byAction.get(s.action) ?? { units: 0, n: 0 };
        byAction.set(s.action, { units: cur.units + s.units * s.samples, n: cur.n + s.samples });
      }
      const ranked = [...byAction.entries()].sort((a, b) => b[1].n - a[1].n);
      let other = { units: 0, n: 0 };
      ranked.forEach(([action, v], i) => {
        if (i < MAX_ACTION_SERIES && action !== OTHER_ACTION) this.set({ action }, v.n > 0 ? v.units / v.n : 0);
        else other = { units: other.units + v.units, n: other.n + v.n };
      });
      if (other.n > 0) this.set({ action: OTHER_ACTION }, other.units / other.n);
    },
  });
  new Gauge({
    name: 'shadowfleet_nextaction_model_info',
    help: 'The next-action model serving predictions (version "markov-fallback" until an LSTM is promoted)',
    labelNames: ['version'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: service.modelVersion }, 1);
    },
  });
  new Gauge({
    name: 'shadowfleet_nextaction_live_top1_accuracy',
    help: 'Share of live next actions that the serving model ranked first (since start; NaN before any)',
    registers: [registry],
    collect() {
      this.set(service.liveTop1);
    },
  });
  registerSessionStateMetrics(registry, service);
  new Gauge({
    name: 'shadowfleet_nextaction_last_training_duration_seconds',
    help: 'Wall time of the last LSTM retraining (worker thread)',
    registers: [registry],
    collect() {
      this.set(service.lastTrainingSeconds);
    },
  });
}

/** Size of the kept LSTM states (exporter/src/nextaction/session-states.ts): sessions, bytes, refusals. */
function registerSessionStateMetrics(registry: Registry, service: BehaviourService): void {
  const states = service.states;
  new Gauge({
    name: 'shadowfleet_nextaction_sessions_tracked',
    help: 'Live sessions whose next-action LSTM state is kept between refreshes',
    registers: [registry],
    collect() {
      this.set(states.tracked);
    },
  });
  new Gauge({
    name: 'shadowfleet_nextaction_sessions_tracked_max',
    help: 'Most sessions whose LSTM state is kept (SHADOWFLEET_MAX_TRACKED_SESSIONS); beyond it, sessions are forecast from their whole window',
    registers: [registry],
    collect() {
      this.set(states.maxSessions);
    },
  });
  new Gauge({
    name: 'shadowfleet_nextaction_session_state_bytes',
    help: 'Bytes of memory held for the kept session states (typed arrays, allocated)',
    registers: [registry],
    collect() {
      this.set(states.bytes);
    },
  });
  new Gauge({
    name: 'shadowfleet_nextaction_session_state_bytes_per_session',
    help: 'Bytes of kept state per session (fixed by the network: its LSTM h and c, history counts, Markov context, forecast)',
    registers: [registry],
    collect() {
      this.set(states.bytesPerSession);
    },
  });
  new Counter({
    name: 'shadowfleet_nextaction_sessions_untracked_total',
    help: 'Sessions not given kept state because the limit was reached (forecast from their whole window instead)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(states.refused);
    },
  });
}
