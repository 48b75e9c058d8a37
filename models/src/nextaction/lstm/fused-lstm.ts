import type * as TF from '@tensorflow/tfjs';
import { WasmOps } from './wasm-ops';

/**
 * One LSTM layer over all T steps as a single tfjs op with a hand-written gradient (backpropagation
 * through time), the way cuDNN fuses the recurrence for PyTorch. Built from ~10 tfjs ops per step, the
 * same layer spent most of its time in per-op dispatch and tape bookkeeping; here each step calls the
 * wasm backend's matrix-multiply and sigmoid kernels (XNNPACK, SIMD) directly on heap data, the
 * remaining gate arithmetic is plain JavaScript, and the weight gradient is one large matmul after the
 * loop.
 *
 * Math (identical to the op-by-op version the saved models were trained with): z = proj_t + h_{t-1}·U,
 * gates [i, f, g, o] = σ(z), c_t = f·c_{t-1} + i·(2g − 1), h_t = o·tanh(c_t); h_{-1} = c_{-1} = 0.
 *
 * @param proj [T·B, 4H] input projections (time-major: row t·B + b), bias included
 * @param recurrent [H, 4H]
 * @param slot reuse key of the large work buffers: layers of one network need different slots
 * @returns [T·B, H] hidden states
 */
export function fusedLstmLayer(tf: typeof TF, proj: TF.Tensor2D, recurrent: TF.Tensor2D, steps: number, lanes: number, slot = 0): TF.Tensor2D {
  const H = recurrent.shape[0];
  const G = 4 * H;
  if (recurrent.shape[1] !== G) throw new Error(`fusedLstmLayer: recurrent must be [H, 4H], got [${recurrent.shape}]`);
  if (proj.shape[0] !== steps * lanes || proj.shape[1] !== G) {
    throw new Error(`fusedLstmLayer: proj must be [${steps * lanes}, ${G}] for ${steps} steps × ${lanes} lanes, got [${proj.shape}]`);
  }
  const op = tf.customGrad((...args: Array<TF.Tensor | TF.GradSaveFunc>) => {
    const [x, u] = args as TF.Tensor[];
    const ops = new WasmOps(tf);
    const weights = u.dataSync() as Float32Array;
    const { hidden, ...saved } = forward(ops, x.dataSync() as Float32Array, weights, steps, lanes, H, slot);
    return {
      value: tf.tensor2d(hidden, [steps * lanes, H]),
      gradFunc: (dy: TF.Tensor) => {
        const dz = backward(ops, dy.dataSync() as Float32Array, weights, saved, steps, lanes, H, slot);
        // dU = Σ_t h_{t-1}ᵀ·dz_t, computed as dUᵀ = dzᵀ·h_prev, one matmul whose second operand
        // (which XNNPACK packs on every call) is the small [T·B, H] one; transposes here in JS.
        const rows = steps * lanes;
        const previous = scratch(slot, 'previous', rows * H);
        previous.fill(0, 0, lanes * H);
        previous.set(hidden.subarray(0, (rows - lanes) * H), lanes * H);
        const dzT = scratch(slot, 'dzT', G * rows);
        for (let r = 0; r < rows; r++) for (let j = 0; j < G; j++) dzT[j * rows + r] = dz[r * G + j];
        const duT = tf.tidy(() => tf.matMul(tf.tensor2d(dzT, [G, rows]), tf.tensor2d(previous, [rows, H])));
        const duTValues = duT.dataSync();
        duT.dispose();
        const duValues = new Float32Array(H * G);
        for (let j = 0; j < G; j++) for (let k = 0; k < H; k++) duValues[k * G + j] = duTValues[j * H + k];
        const dzTensor = tf.tensor2d(dz, [rows, G]);
        const du = tf.tensor2d(duValues, [H, G]);
        return [dzTensor, du];
      },
    };
  });
  return op(proj, recurrent) as TF.Tensor2D;
}

/**
 * Work buffers kept between calls (allocating ~10 MB of typed arrays per batch cost ~10 % of training
 * time in garbage collection). Every element a caller reads is written first in the same call. A slot's
 * buffers live from a forward pass to its gradient; one thread runs one forward/backward at a time.
 */
const buffers = new Map<string, Float32Array>();

function scratch(slot: number, name: string, n: number): Float32Array {
  const key = `${slot}:${name}`;
  let b = buffers.get(key);
  if (!b || b.length < n) {
    b = new Float32Array(Math.max(n, Math.ceil((b?.length ?? 0) * 1.5)));
    buffers.set(key, b);
  }
  return b.subarray(0, n);
}

function forward(ops: WasmOps, proj: Float32Array, u: Float32Array, T: number, B: number, H: number, slot: number) {
  const G = 4 * H;
  const gates = scratch(slot, 'gates', T * B * G);
  const cells = scratch(slot, 'cells', T * B * H);
  const tanhCells = scratch(slot, 'tanhCells', T * B * H);
  const hidden = scratch(slot, 'hidden', T * B * H);
  const twoCells = new Float32Array(B * H);
  const weights = ops.upload(u, [1, H, G]);
  try {
    for (let t = 0; t < T; t++) {
      const zAt = t * B * G;
      const hAt = t * B * H;
      let z: TF.TensorInfo;
      if (t === 0) z = ops.upload(proj.subarray(0, B * G), [1, B, G]);
      else {
        const previous = ops.upload(hidden.subarray(hAt - B * H, hAt), [1, B, H]);
        z = ops.matMul(previous, weights);
        ops.release(previous);
        const zv = ops.view(z);
        for (let i = 0; i < B * G; i++) zv[i] += proj[zAt + i];
      }
      const activated = ops.sigmoid(z);
      ops.release(z);
      gates.set(ops.view(activated).subarray(0, B * G), zAt);
      ops.release(activated);
      for (let b = 0; b < B; b++) {
        const g = zAt + b * G;
        const h = hAt + b * H;
        for (let k = 0; k < H; k++) {
          const cPrev = t > 0 ? cells[h - B * H + k] : 0;
          const c = gates[g + H + k] * cPrev + gates[g + k] * (2 * gates[g + 2 * H + k] - 1);
          cells[h + k] = c;
          twoCells[b * H + k] = 2 * c;
        }
      }
      // tanh(c) = 2σ(2c) − 1: the backend's sigmoid is vectorised, its tanh is not.
      const input = ops.upload(twoCells, [B * H]);
      const squashed = ops.sigmoid(input);
      ops.release(input);
      const sv = ops.view(squashed);
      for (let b = 0; b < B; b++) {
        const g = zAt + b * G;
        for (let k = 0; k < H; k++) {
          const i = hAt + b * H + k;
          const tc = 2 * sv[b * H + k] - 1;
          tanhCells[i] = tc;
          hidden[i] = gates[g + 3 * H + k] * tc;
        }
      }
      ops.release(squashed);
    }
  } finally {
    ops.release(weights);
  }
  return { gates, cells, tanhCells, hidden };
}

interface Saved {
  readonly gates: Float32Array;
  readonly cells: Float32Array;
  readonly tanhCells: Float32Array;
}

/** Gradient with respect to z (= proj's gradient) at every step, from the hidden states' gradient dy. */
function backward(ops: WasmOps, dy: Float32Array, u: Float32Array, saved: Saved, T: number, B: number, H: number, slot: number): Float32Array {
  const { gates, cells, tanhCells } = saved;
  const G = 4 * H;
  const ut = new Float32Array(G * H);
  for (let k = 0; k < H; k++) for (let j = 0; j < G; j++) ut[j * H + k] = u[k * G + j];
  const weights = ops.upload(ut, [1, G, H]);
  const dz = scratch(slot, 'dz', T * B * G);
  let dh = new Float32Array(B * H); // dL/dh_t carried from step t+1 (through U)
  const dc = new Float32Array(B * H); // dL/dc_t carried from step t+1 (through the forget gate)
  try {
    for (let t = T - 1; t >= 0; t--) {
      for (let b = 0; b < B; b++) {
        const z = (t * B + b) * G;
        const h = (t * B + b) * H;
        const carry = b * H;
        for (let k = 0; k < H; k++) {
          const i = gates[z + k];
          const f = gates[z + H + k];
          const g = gates[z + 2 * H + k];
          const o = gates[z + 3 * H + k];
          const tc = tanhCells[h + k];
          const dhk = dy[h + k] + dh[carry + k];
          const dck = dc[carry + k] + dhk * o * (1 - tc * tc);
          const cPrev = t > 0 ? cells[h - B * H + k] : 0;
          dz[z + k] = dck * (2 * g - 1) * i * (1 - i);
          dz[z + H + k] = dck * cPrev * f * (1 - f);
          dz[z + 2 * H + k] = dck * i * 2 * g * (1 - g);
          dz[z + 3 * H + k] = dhk * tc * o * (1 - o);
          dc[carry + k] = dck * f;
        }
      }
      if (t > 0) {
        const input = ops.upload(dz.subarray(t * B * G, (t + 1) * B * G), [1, B, G]);
        const product = ops.matMul(input, weights);
        ops.release(input);
        dh = ops.view(product).slice(0, B * H);
        ops.release(product);
      }
    }
  } finally {
    ops.release(weights);
  }
  return dz;
}
