import * as tf from '@tensorflow/tfjs';
import { tfReady } from './backend';

/** Runs f on the cpu backend (the reference) and on wasm with this project's kernel fixes. */
async function both(f: () => tf.Tensor | tf.Tensor[]): Promise<{ cpu: number[][]; wasm: number[][] }> {
  const run = async (): Promise<number[][]> => {
    const out = tf.tidy(f);
    const list = Array.isArray(out) ? out : [out];
    const values = await Promise.all(list.map(async (t) => Array.from(await t.data())));
    tf.dispose(list);
    return values;
  };
  await tfReady();
  await tf.setBackend('cpu');
  const cpu = await run();
  await tf.setBackend('wasm');
  const wasm = await run();
  return { cpu, wasm };
}

const x3 = (): tf.Tensor3D => tf.range(0, 2 * 3 * 4).reshape([2, 3, 4]) as tf.Tensor3D;

describe('wasm kernel fixes (checked against the cpu backend)', () => {
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each([
    ['unstack axis 0', () => tf.unstack(x3(), 0)],
    ['unstack axis 1', () => tf.unstack(x3(), 1)],
    ['slice, contiguous', () => tf.slice(x3(), [1, 0, 0], [1, 3, 4])],
    ['slice, strided 3-D', () => tf.slice(x3(), [0, 1, 1], [2, 2, 2])],
    ['split along the last axis', () => tf.split(x3().reshape([6, 4]), [1, 3], 1)],
    ['matMul transposeA', () => tf.matMul(tf.range(0, 6).reshape([3, 2]), tf.range(0, 12).reshape([3, 4]), true, false)],
    ['matMul transposeB', () => tf.matMul(tf.range(0, 6).reshape([2, 3]), tf.range(0, 12).reshape([4, 3]), false, true)],
    ['matMul both, batched', () => tf.matMul(tf.range(0, 12).reshape([2, 3, 2]), tf.range(0, 12).reshape([2, 2, 3]), true, true)],
    ['gather rows', () => tf.gather(tf.range(0, 12).reshape([4, 3]), tf.tensor1d([3, 0, 3, 1], 'int32'))],
    ['gather along axis 1 (original kernel)', () => tf.gather(tf.range(0, 12).reshape([4, 3]), tf.tensor1d([2, 0], 'int32'), 1)],
    ['unsortedSegmentSum', () => tf.unsortedSegmentSum(tf.range(0, 8).reshape([4, 2]), tf.tensor1d([1, 0, 1, 3], 'int32'), 4)],
    [
      'gradient of gather (embedding lookup)',
      () => tf.grad((w: tf.Tensor) => tf.gather(w, tf.tensor1d([2, 0, 2], 'int32')).mul(tf.range(1, 7).reshape([3, 2])).sum())(tf.zeros([3, 2])),
    ],
  ])('%s', async (_name, f) => {
    const { cpu, wasm } = await both(f as () => tf.Tensor | tf.Tensor[]);
    expect(wasm).toEqual(cpu);
  });
});
