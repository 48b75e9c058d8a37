import type * as TF from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelImpl = (args: { inputs: Record<string, TF.TensorInfo>; backend: BackendWasm; attrs: TF.NamedAttrMap }) => TF.TensorInfo;

/** Kernels of the wasm backend called directly on heap data: no engine dispatch, no gradient tape. */
export class WasmOps {
  private readonly backend: BackendWasm;
  private readonly matMulKernel: KernelImpl;
  private readonly sigmoidKernel: KernelImpl;

  constructor(tf: typeof TF) {
    if (tf.getBackend() !== 'wasm') throw new Error(`the fused LSTM kernels need the tfjs wasm backend, the active one is ${tf.getBackend()}`);
    this.backend = tf.backend() as BackendWasm;
    this.matMulKernel = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc as unknown as KernelImpl;
    this.sigmoidKernel = tf.getKernel('Sigmoid', 'wasm')!.kernelFunc as unknown as KernelImpl;
  }

  /** An uninitialised float32 buffer on the wasm heap. */
  alloc(shape: number[]): TF.TensorInfo {
    return this.backend.makeOutput(shape, 'float32');
  }

  upload(values: Float32Array, shape: number[]): TF.TensorInfo {
    const info = this.backend.makeOutput(shape, 'float32');
    this.view(info).set(values);
    return info;
  }

  /** A view of the data on the wasm heap; take it again after any allocation (the heap may grow). */
  view(info: TF.TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(info) as Float32Array;
  }

  release(info: TF.TensorInfo): void {
    this.backend.disposeData(info.dataId);
  }

  matMul(a: TF.TensorInfo, b: TF.TensorInfo): TF.TensorInfo {
    return this.matMulKernel({ inputs: { a, b }, backend: this.backend, attrs: { transposeA: false, transposeB: false } });
  }

  sigmoid(x: TF.TensorInfo): TF.TensorInfo {
    return this.sigmoidKernel({ inputs: { x }, backend: this.backend, attrs: {} });
  }
}
