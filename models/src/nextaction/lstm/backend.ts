import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernelFixes } from './wasm-kernels';

let ready: Promise<typeof tf> | undefined;

/**
 * TensorFlow.js on the WebAssembly backend (SIMD, single thread), with this project's kernel fixes.
 * tfjs-node cannot install here (its install script downloads libtensorflow); see the README.
 */
export function tfReady(): Promise<typeof tf> {
  ready ??= (async () => {
    setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
    await tf.ready();
    registerWasmKernelFixes();
    return tf;
  })();
  return ready;
}
