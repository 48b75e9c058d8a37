import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Kernel fixes for @tensorflow/tfjs-backend-wasm 4.22, measured on this project's LSTM step:
 * - `Slice` (and `Unpack`/`SplitV`, which call it) copies the WHOLE input out of the wasm heap
 *   (`readSync`) for every slice, so unstacking T time steps costs O(T²) copies. Here slices read a
 *   view of the heap instead (unstack of [16,512,512]: 108 ms → 2 ms).
 * - `BatchMatMul` with `transposeA`/`transposeB` (every matmul gradient) takes a slow path
 *   (25× slower than transposing first). Here the operand is transposed explicitly.
 * - `GatherV2` (an embedding lookup) took 3.4 s for 31,800 row indices; rows are copied from a heap
 *   view here instead (float32 tables, axis 0).
 * - `UnsortedSegmentSum` is missing, so `gather` (an embedding lookup) cannot be trained. Added.
 * Each replacement falls back to the original kernel for the cases it does not handle.
 */
type Args = { inputs: Record<string, tf.TensorInfo>; backend: BackendWasm; attrs: tf.NamedAttrMap };
type KernelImpl = (args: Args) => tf.TensorInfo | tf.TensorInfo[];

let registered = false;

export function registerWasmKernelFixes(): void {
  if (registered) return;
  registered = true;
  replace('Slice', (args, original) => {
    const { x } = args.inputs;
    if (!sliceable(x)) return original(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, args.attrs.begin as number[], args.attrs.size as number[]);
    return sliceFromHeap(args.backend, x, begin, size);
  });
  replace('Unpack', (args, original) => {
    const x = args.inputs.value;
    if (!sliceable(x)) return original(args);
    const rank = x.shape.length;
    const axis = ((args.attrs.axis as number) + rank) % rank;
    const outShape = x.shape.filter((_, i) => i !== axis);
    const begin = x.shape.map(() => 0);
    const size = x.shape.slice();
    size[axis] = 1;
    const outs: tf.TensorInfo[] = [];
    for (let i = 0; i < x.shape[axis]; i++) {
      begin[axis] = i;
      const o = sliceFromHeap(args.backend, x, begin, size);
      outs.push({ dataId: o.dataId, dtype: o.dtype, shape: outShape });
    }
    return outs;
  });
  replace('SplitV', (args, original) => {
    const { x } = args.inputs;
    if (!sliceable(x)) return original(args);
    const axis = tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, args.attrs.numOrSizeSplits as number[] | number, axis);
    const begin = x.shape.map(() => 0);
    const size = x.shape.slice();
    return sizes.map((n) => {
      size[axis] = n;
      const o = sliceFromHeap(args.backend, x, begin.slice(), size.slice());
      begin[axis] += n;
      return o;
    });
  });
  for (const name of ['BatchMatMul', '_FusedMatMul']) replace(name, matMulWithoutTransposeFlags);
  replace('GatherV2', (args, original) => {
    const { x, indices } = args.inputs;
    if (x.dtype !== 'float32' || ((args.attrs.batchDims as number) ?? 0) !== 0 || tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0] !== 0) {
      return original(args);
    }
    const rows = x.shape[0];
    const inner = tf.util.sizeFromShape(x.shape.slice(1));
    const out = args.backend.makeOutput([...indices.shape, ...x.shape.slice(1)], 'float32');
    const src = args.backend.typedArrayFromHeap(x);
    const dst = args.backend.typedArrayFromHeap(out);
    const ids = args.backend.typedArrayFromHeap(indices);
    for (let i = 0; i < ids.length; i++) {
      const r = ids[i];
      if (!(r >= 0 && r < rows)) throw new Error(`GatherV2: the index value ${r} is not in [0, ${rows - 1}]`);
      dst.set(src.subarray(r * inner, r * inner + inner), i * inner);
    }
    return out;
  });
  tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc });
}

function replace(name: string, impl: (args: Args, original: KernelImpl) => tf.TensorInfo | tf.TensorInfo[]): void {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`tfjs wasm kernel ${name} not found: is @tensorflow/tfjs-backend-wasm 4.22 loaded?`);
  const original = config.kernelFunc as unknown as KernelImpl;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: ((args: Args) => impl(args, original)) as unknown as tf.KernelFunc });
}

const sliceable = (x: tf.TensorInfo): boolean => x.dtype !== 'string' && x.shape.length <= 3;

function sliceFromHeap(backend: BackendWasm, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  // Views are taken after makeOutput: growing the heap would detach earlier ones.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(offset, offset + dst.length));
    return out;
  }
  let o = 0;
  const rows = (offset: number, n: number): void => {
    dst.set(src.subarray(offset, offset + n), o);
    o += n;
  };
  if (x.shape.length === 2) {
    for (let i = begin[0]; i < begin[0] + size[0]; i++) rows(i * strides[0] + begin[1], size[1]);
  } else {
    for (let i = begin[0]; i < begin[0] + size[0]; i++) {
      for (let j = begin[1]; j < begin[1] + size[1]; j++) rows(i * strides[0] + j * strides[1] + begin[2], size[2]);
    }
  }
  return out;
}

function matMulWithoutTransposeFlags(args: Args, original: KernelImpl): tf.TensorInfo | tf.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  if (!attrs.transposeA && !attrs.transposeB) return original(args);
  const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc as unknown as KernelImpl;
  const temporary: tf.TensorInfo[] = [];
  const t = (x: tf.TensorInfo): tf.TensorInfo => {
    const rank = x.shape.length;
    const perm = [...Array(rank).keys()];
    [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
    const out = transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
    temporary.push(out);
    return out;
  };
  const a = attrs.transposeA ? t(inputs.a) : inputs.a;
  const b = attrs.transposeB ? t(inputs.b) : inputs.b;
  const result = original({ inputs: { ...inputs, a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
  for (const x of temporary) backend.disposeData(x.dataId);
  return result;
}

function unsortedSegmentSum(args: Args): tf.TensorInfo {
  const { x, segmentIds } = args.inputs;
  const numSegments = args.attrs.numSegments as number;
  if (x.dtype !== 'float32') throw new Error(`UnsortedSegmentSum (wasm fix) supports float32 only, got ${x.dtype}`);
  const idRank = segmentIds.shape.length;
  const inner = tf.util.sizeFromShape(x.shape.slice(idRank));
  const out = args.backend.makeOutput([numSegments, ...x.shape.slice(idRank)], 'float32');
  const dst = args.backend.typedArrayFromHeap(out) as Float32Array;
  const src = args.backend.typedArrayFromHeap(x) as Float32Array;
  const ids = args.backend.typedArrayFromHeap(segmentIds);
  dst.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) dst[to + k] += src[from + k];
  }
  return out;
}
