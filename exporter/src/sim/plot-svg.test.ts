import { timelineSvg } from './plot-svg';

const rows = Array.from({ length: 60 }, (_, minute) => ({ minute, requests: 100, demand: 5, serving: 5, booting: 0, standby: 1, activating: 0, cost: 5.1 }));
const titleOf = (svg: string): string => svg.split('\n').find((l) => l.includes('font-weight="bold"'))!;

describe('timelineSvg titles', () => {
  it('leaves a title that fits as it is', () => {
    expect(titleOf(timelineSvg(rows, { title: 'tiered on a trace' }))).toBe('<text x="56" y="20" font-size="14" font-weight="bold">tiered on a trace</text>');
  });

  it('condenses a title longer than the chart to the chart\'s width instead of cutting it off', () => {
    const title = 'tiered on twitter_stream_2021_08_events_per_second.txt.gz (whole trace: tau_U 2.32 %, cost ratio 1.676; actuation delay 0.384 step)';
    const line = titleOf(timelineSvg(rows, { title, startSeconds: 0 }));
    expect(line).toContain('textLength="888" lengthAdjust="spacingAndGlyphs"');
    expect(line).toContain(`${title}, times UTC</text>`);
  });
});
