import type { ComplexityLoadForecast, ExternalForecast } from '@shadowfleet/models';

/**
 * The behaviour-aware complexity-load forecast (LSTM + load model, per horizon of 5, 15 and 60 minutes)
 * as the resource manager's external forecast: the mean load per step over the shortest horizon that
 * covers `h` steps. The forecast is the whole site's, so it is given to a pool only when the pool model
 * has one pool.
 */
export function behaviourForecast(forecasts: readonly ComplexityLoadForecast[], stepSeconds: number): ExternalForecast | undefined {
  const sorted = [...forecasts].filter((f) => f.horizonMinutes > 0 && Number.isFinite(f.complexity)).sort((a, b) => a.horizonMinutes - b.horizonMinutes);
  if (sorted.length === 0) return undefined;
  return {
    source: 'behaviour-aware (LSTM + load model)',
    perMinute(h: number): number {
      const minutes = (h * stepSeconds) / 60;
      const f = sorted.find((x) => x.horizonMinutes >= minutes) ?? sorted[sorted.length - 1];
      return (f.complexity / (f.horizonMinutes * 60)) * stepSeconds;
    },
  };
}
