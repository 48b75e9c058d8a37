import type * as TF from '@tensorflow/tfjs';
import { tfReady } from './backend';
import { fusedLstmLayer } from './fused-lstm';

/** The same layer written with ordinary tfjs ops, differentiated by tfjs itself. */
function stepwise(tf: typeof TF, proj: TF.Tensor2D, u: TF.Tensor2D, T: number, B: number): TF.Tensor2D {
  const H = u.shape[0];
  const inputs = tf.unstack(proj.reshape([T, B, 4 * H]), 0) as TF.Tensor2D[];
  let h: TF.Tensor2D = tf.zeros([B, H]);
  let c: TF.Tensor2D = tf.zeros([B, H]);
  const outs: TF.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const [i, f, g, o] = tf.split(tf.sigmoid(inputs[t].add(tf.matMul(h, u))), 4, 1);
    c = f.mul(c).add(i.mul(g.mul(2).sub(1)));
    h = o.mul(tf.tanh(c));
    outs.push(h);
  }
  return tf.concat(outs, 0);
}

describe('fusedLstmLayer', () => {
  it('matches the step-by-step tfjs layer in value and in both gradients', async () => {
    const tf = await tfReady();
    const [T, B, H] = [5, 3, 4];
    const proj = tf.randomNormal([T * B, 4 * H], 0, 1, 'float32', 1) as TF.Tensor2D;
    const u = tf.randomNormal([H, 4 * H], 0, 0.5, 'float32', 2) as TF.Tensor2D;
    // A weighting of the outputs so that each hidden value gets its own upstream gradient.
    const weight = tf.randomNormal([T * B, H], 0, 1, 'float32', 3);
    const fused = tf.grads((p: TF.Tensor, w: TF.Tensor) => fusedLstmLayer(tf, p as TF.Tensor2D, w as TF.Tensor2D, T, B).mul(weight).sum());
    const reference = tf.grads((p: TF.Tensor, w: TF.Tensor) => stepwise(tf, p as TF.Tensor2D, w as TF.Tensor2D, T, B).mul(weight).sum());
    const close = (a: TF.Tensor, b: TF.Tensor): void => {
      const [x, y] = [a.dataSync(), b.dataSync()];
      expect(x.length).toBe(y.length);
      x.forEach((v, i) => expect(v).toBeCloseTo(y[i], 4));
    };
    close(fusedLstmLayer(tf, proj, u, T, B), stepwise(tf, proj, u, T, B));
    const [gp, gu] = fused([proj, u]);
    const [rp, ru] = reference([proj, u]);
    close(gp, rp);
    close(gu, ru);
    expect(gu.abs().sum().dataSync()[0]).toBeGreaterThan(0.01);
    tf.dispose([proj, u, weight, gp, gu, rp, ru]);
  });

  it('names the shape it needs', async () => {
    const tf = await tfReady();
    const u = tf.zeros([4, 16]) as TF.Tensor2D;
    expect(() => fusedLstmLayer(tf, tf.zeros([6, 16]) as TF.Tensor2D, u, 2, 2)).toThrow('fusedLstmLayer: proj must be [4, 16] for 2 steps × 2 lanes, got [6,16]');
    expect(() => fusedLstmLayer(tf, tf.zeros([4, 16]) as TF.Tensor2D, tf.zeros([4, 12]) as TF.Tensor2D, 2, 2)).toThrow('recurrent must be [H, 4H]');
  });
});
