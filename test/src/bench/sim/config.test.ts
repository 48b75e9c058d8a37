import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shippedActuationDelay } from '@shadowfleet/exporter';
import { benchSimConfig } from './config';

describe('the benches simulate the path that acts', () => {
  test('their simulator settings carry the shipped actuation delay', () => {
    const config = benchSimConfig([100, 200, 300]);
    expect(config.actuationDelay).toBe(shippedActuationDelay().steps);
    expect(config.actuationDelay).toBeGreaterThan(0);
    expect(config).toMatchObject({ capacity: 3, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 });
  });

  test.each([
    'suites/adaptive.ts',
    'suites/trend.ts',
    'behaviour/replay.ts',
  ])('%s builds its settings from benchSimConfig, with no simulator settings of its own', (file) => {
    const source = readFileSync(path.join(__dirname, '..', file), 'utf8');
    expect(source).toMatch(/benchSimConfig\(/);
    expect(source).not.toMatch(/coldStart:\s*\d/);
  });
});
