import { createLogger, MAX_LINE_CHARS } from './logger';
import { memoryLogger } from '../testing/memory-logger';

function capture(boundFields?: (f: Record<string, unknown>, tight: boolean) => Record<string, unknown>): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger({ service: 'exporter', write: (l) => void lines.push(l), boundFields }) };
}

describe('createLogger', () => {
  it('writes one JSON line with time, level label, service, component, msg and the call fields', () => {
    const { lines, log } = capture();
    log.child({ component: 'profiles' }).info({ users: 3 }, 'rebuilt');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const o = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(o).toMatchObject({ level: 'info', service: 'exporter', component: 'profiles', msg: 'rebuilt', users: 3 });
    expect(new Date(o.time as string).toISOString()).toBe(o.time);
  });

  it('puts an Error under err as {type, message, stack}', () => {
    const { lines, log } = capture();
    log.error({ err: new TypeError('boom') }, 'refresh failed');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'refresh failed', err: { type: 'TypeError', message: 'boom', stack: expect.stringContaining('TypeError: boom') } });
  });

  it('cuts a long message and says by how much', () => {
    const { lines, log } = capture();
    log.warn('x'.repeat(5000));
    expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe(`${'x'.repeat(1024)}…(3976 more characters)`);
  });

  it('bounds the fields, and renders a line still over the limit with the tight bounds', () => {
    const calls: boolean[] = [];
    const { lines, log } = capture((fields, tight) => {
      calls.push(tight);
      return tight ? { cut: true } : fields;
    });
    log.info({ small: 'a' }, 'fits');
    log.info({ big: 'b'.repeat(MAX_LINE_CHARS) }, 'does not fit');
    expect(calls).toEqual([false, false, true]);
    expect(JSON.parse(lines[1]!)).toMatchObject({ msg: 'does not fit', cut: true });
    expect(lines[1]!).not.toContain('bbbb');
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    createLogger({ service: 's', level: 'warn', write: (l) => void lines.push(l) }).info('quiet');
    expect(lines).toEqual([]);
  });
});

describe('memoryLogger', () => {
  it('keeps parsed entries of the logger and its children', () => {
    const logger = memoryLogger();
    logger.child({ component: 'engine', reqId: 'r1' }).warn({ pool: 'web' }, 'deferred');
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', msg: 'deferred', component: 'engine', reqId: 'r1', pool: 'web', service: 'test' })]);
  });
});
