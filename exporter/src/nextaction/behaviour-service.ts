import {
  BehaviourLoadModel,
  ComplexityScorer,
  LstmPredictor,
  MarkovBackoff,
  loadLstm,
  observedCost,
  scoreTopK,
  tfReady,
  type ComplexityBasis,
  type ComplexityLoadForecast,
  type LstmArtifacts,
  type LstmSession,
} from '@shadowfleet/models';
import { trainInWorker } from './lstm-worker/worker-client';
import type { EventStore } from '../store/types';
import { lstmTop1 } from './holdout';
import { LiveSessions } from './live-sessions';
import type { ModelStore } from './model-store';
import { DataTypeVocabulary, LSTM_VOCAB, profileSlot, SERVICE_LSTM_INPUTS, SessionTrack } from './session-inputs';
import { SessionStates } from './session-states';
import type { Logger } from '../logger';

export const HORIZONS = [5, 15, 60] as const;

export interface BehaviourServiceOptions {
  readonly store: EventStore;
  readonly models: ModelStore;
  readonly basis: ComplexityBasis;
  readonly sessionGapMinutes: number;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Sessions kept for retraining (the replay buffer), newest first. */
  readonly replaySessions?: number;
  /** Share of the newest sessions held out to compare champion and challenger. */
  readonly holdout?: number;
  readonly trainOptions?: { epochs?: number; timeBudgetSeconds?: number };
  /** A user's stable profile id from the last profile rebuild (the LSTM's profile input); none: unknown. */
  readonly profileOf?: (userId: string) => string | undefined;
  /** Most live sessions whose LSTM state is kept between refreshes (default 1,000,000); see SessionStates. */
  readonly maxTrackedSessions?: number;
}

export interface TrainingOutcome {
  readonly version: number;
  readonly promoted: boolean;
  readonly challengerTop1: number;
  readonly championTop1: number;
  readonly championKind: 'lstm' | 'markov3';
  readonly seconds: number;
}

/**
 * The exporter's behaviour models: complexity scores (t-digest per action), the behaviour-aware load
 * forecast, and the next-action LSTM with online retraining. `refresh()` reads the events that arrived
 * since the last call; `retrain()` trains a challenger in a worker_thread on the replay buffer (from the
 * champion's weights), promotes it only if it beats the champion on the newest held-out sessions, saves
 * it as a new version, and swaps it in (the predictor is replaced in one assignment). Until an LSTM is
 * promoted, predictions come from the Markov chain of the load model (the fallback while cold). The LSTM
 * sees each action with its data type and time (time of day, day of week) and the user's profile.
 */
export class BehaviourService {
  readonly scorer: ComplexityScorer;
  readonly load: BehaviourLoadModel;
  private readonly live: LiveSessions;
  /** Each live session's LSTM state, advanced by its new events only (docs/next-action-state.md). */
  readonly states: SessionStates;
  private readonly replay: Array<{ session: LstmSession; endMs: number }> = [];
  private readonly building = new Map<string, SessionTrack>();
  private readonly dataTypes = new DataTypeVocabulary();
  private cursor = 0;
  private lstm: { predictor: LstmPredictor; artifacts: LstmArtifacts } | undefined;
  private training: Promise<TrainingOutcome> | undefined;
  private refreshing: Promise<void> | undefined;
  private closed = false;
  forecasts: ComplexityLoadForecast[] = [];
  lastTrainingSeconds = NaN;
  lastRefreshMs = 0;

  constructor(private readonly o: BehaviourServiceOptions) {
    this.scorer = new ComplexityScorer({ basis: o.basis });
    this.load = new BehaviourLoadModel({ basis: o.basis, sessionGapMinutes: o.sessionGapMinutes });
    this.live = new LiveSessions(o.sessionGapMinutes * 60_000);
    this.states = new SessionStates(o.maxTrackedSessions);
  }

  get modelVersion(): string {
    return this.lstm ? String(this.lstm.artifacts.manifest.modelVersion) : 'markov-fallback';
  }

  get liveTop1(): number {
    return this.live.accuracy;
  }

  /** Loads the champion saved on disk, if any (models survive restarts). */
  async start(): Promise<void> {
    const v = this.o.models.champion();
    if (v === undefined) return;
    await this.swapIn(this.o.models.load(v));
    this.o.logger?.info({ version: v, dir: this.o.models.dir }, `serving next-action model v${v} from ${this.o.models.dir}`);
  }

  private async swapIn(artifacts: LstmArtifacts): Promise<void> {
    const tf = await tfReady();
    this.lstm = { predictor: new LstmPredictor(tf, loadLstm(tf, artifacts)), artifacts };
  }

  private actionIndex(action: string): number {
    return Math.min(this.load.chain.indexOf(action), LSTM_VOCAB - 1);
  }

  /**
   * Feeds new events from the store, then recomputes predictions and the load forecasts. Calls made
   * while one runs share it (two passes over the same events would count them twice); after close()
   * it does nothing.
   */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Stops refreshing and waits for a running refresh (a running training finishes on its own). */
  async close(): Promise<void> {
    this.closed = true;
    await this.refreshing?.catch(() => undefined);
    this.states.dispose();
  }

  private async refreshOnce(): Promise<void> {
    const now = (this.o.now ?? Date.now)();
    for await (const chunk of this.o.store.iterateEvents({ fromMs: this.cursor, toMs: now + 1, order: 'time' })) {
      for (const e of chunk) {
        this.scorer.observe(e);
        this.load.observe(e);
        const a = this.actionIndex(e.action);
        const dt = this.dataTypes.indexOf(e.dataType);
        const cost = observedCost(e, this.o.basis) ?? 0;
        const starts = this.live.observe(e, a, cost, dt);
        if (this.lstm) this.states.observe(e.userId, a, dt, e.timestamp, starts);
        this.remember(e.userId, a, dt, e.timestamp, cost);
        this.cursor = Math.max(this.cursor, e.timestamp + 1);
      }
    }
    for (const user of this.live.expire(now)) this.states.ended(user);
    const gap = this.o.sessionGapMinutes * 60_000;
    for (const [user, s] of this.building) {
      if (now - s.lastMs > gap) {
        this.pushReplay(s);
        this.building.delete(user);
      }
    }
    const active = this.live.active();
    const nextCost = new Map<string, number>();
    if (this.lstm && active.length > 0) {
      const costs = this.load.chain.meanCosts();
      const forecastOf = await this.states.update(await tfReady(), this.lstm.predictor, active, (u) => this.profileSlotOf(u));
      active.forEach((s) => {
        const f = forecastOf(s.userId);
        if (!f) return this.live.predict(s.userId, this.chainGuess(s));
        let best = 0;
        let expected = 0;
        f.probabilities.forEach((p, a) => {
          if (p > f.probabilities[best]) best = a;
          expected += p * (costs[a] ?? 0);
        });
        this.live.predict(s.userId, best);
        nextCost.set(s.userId, expected);
      });
    } else {
      this.states.clearPending();
      for (const s of active) this.live.predict(s.userId, this.chainGuess(s));
    }
    this.forecasts = this.load.forecast(now, HORIZONS, (u) => nextCost.get(u));
    this.lastRefreshMs = now;
  }

  /** The Markov fallback's next action: the most frequent follower of the session's last action. */
  private chainGuess(s: SessionTrack): number {
    return Math.min(this.load.chain.mostLikelyNext(s.actions[s.actions.length - 1]), LSTM_VOCAB - 1);
  }

  private profileSlotOf(userId: string): number | undefined {
    return profileSlot(this.o.profileOf?.(userId));
  }

  private remember(userId: string, action: number, dataType: number, ts: number, cost: number): void {
    const gap = this.o.sessionGapMinutes * 60_000;
    let s = this.building.get(userId);
    if (s && ts - s.lastMs > gap) {
      this.pushReplay(s);
      s = undefined;
    }
    if (!s) this.building.set(userId, (s = new SessionTrack(userId, ts)));
    s.push(action, dataType, ts, cost);
  }

  private pushReplay(s: SessionTrack): void {
    if (s.actions.length < 2) return;
    this.replay.push({ session: s.toLstm(this.profileSlotOf(s.userId)), endMs: s.lastMs });
    const max = this.o.replaySessions ?? 50_000;
    if (this.replay.length > max) this.replay.splice(0, this.replay.length - max);
  }

  /** Trains a challenger (one at a time) and promotes it only if it beats the champion on held-out data. */
  retrain(): Promise<TrainingOutcome> {
    this.training ??= this.trainOnce().finally(() => (this.training = undefined));
    return this.training;
  }

  private async trainOnce(): Promise<TrainingOutcome> {
    const sessions = this.replay.slice().sort((a, b) => a.endMs - b.endMs).map((s) => s.session);
    const holdN = Math.max(1, Math.floor(sessions.length * (this.o.holdout ?? 0.1)));
    if (sessions.length < 20) throw new Error(`retraining needs at least 20 finished sessions of 2+ actions, have ${sessions.length}`);
    const train = sessions.slice(0, sessions.length - holdN);
    const held = sessions.slice(sessions.length - holdN);
    const version = this.o.models.nextVersion();
    const started = performance.now();
    const { artifacts } = await trainInWorker(SERVICE_LSTM_INPUTS, train, { epochs: 1, timeBudgetSeconds: 600, ...this.o.trainOptions }, {
      start: this.lstm && sameInputs(this.lstm.artifacts) ? this.lstm.artifacts : undefined,
      modelVersion: version,
    });
    const seconds = (performance.now() - started) / 1000;
    this.lastTrainingSeconds = seconds;
    const tf = await tfReady();
    const challenger = new LstmPredictor(tf, loadLstm(tf, artifacts));
    const challengerTop1 = await lstmTop1(challenger, held);
    const championKind = this.lstm ? 'lstm' : 'markov3';
    const championTop1 = this.lstm
      ? await lstmTop1(this.lstm.predictor, held)
      : (await scoreTopK(new MarkovBackoff(LSTM_VOCAB, 3, 'markov3').observe(train.map((s) => s.actions)), held.map((s) => s.actions))).top1;
    this.o.models.save(artifacts);
    const promoted = challengerTop1 > championTop1;
    if (promoted) {
      this.o.models.promote(version, { challengerTop1, championTop1, heldOutSessions: held.length });
      this.lstm = { predictor: challenger, artifacts };
      this.o.models.prune(5);
    } else challenger.network.dispose();
    this.o.logger?.info({ version, promoted }, `challenger v${version} top-1 ${challengerTop1.toFixed(4)} vs champion ${championTop1.toFixed(4)}: ${promoted ? 'promoted' : 'kept champion'}`);
    return { version, promoted, challengerTop1, championTop1, championKind, seconds };
  }
}

/** Whether a saved model takes the inputs the service feeds now (else a challenger starts from scratch). */
function sameInputs(artifacts: LstmArtifacts): boolean {
  const c = artifacts.manifest.config;
  return c.vocabSize === SERVICE_LSTM_INPUTS.vocabSize && c.dataTypes === SERVICE_LSTM_INPUTS.dataTypes && c.profiles === SERVICE_LSTM_INPUTS.profiles && c.timeFeatures === SERVICE_LSTM_INPUTS.timeFeatures;
}
