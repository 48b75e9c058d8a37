import { endianness } from 'node:os';
import duckdb, { type Vector } from '@duckdb/node-bindings';

/**
 * Column builders that fill a DuckDB data chunk's vectors with a few native calls per column instead
 * of one per value: numbers go into typed arrays in DuckDB's own layout and are copied in one call;
 * strings of at most 12 bytes are written inline (DuckDB's `string_t`: 4-byte length + 12 bytes);
 * a longer string is handed to DuckDB once per chunk and its repeats (same user, session or action
 * in one chunk) reuse the first copy's `string_t`, which points into the same vector's string heap.
 * Layouts are little-endian, as on every platform the DuckDB bindings ship for.
 */
if (endianness() !== 'LE') throw new Error('the DuckDB column builders assume a little-endian CPU');

const STRING_T_BYTES = 16;
const INLINE_BYTES = 12;
const TWO_32 = 4294967296;

/** Null bits: DuckDB's validity mask (bit set = valid), in 64-bit words seen as pairs of 32-bit words. */
class Validity {
  private words: Uint32Array<ArrayBuffer> | undefined;

  constructor(private readonly rows: number) {}

  setNull(row: number): void {
    if (!this.words) this.words = new Uint32Array(Math.ceil(this.rows / 64) * 2).fill(0xffffffff);
    this.words[row >>> 5]! &= ~(1 << (row & 31));
  }

  flush(vector: Vector): void {
    if (!this.words) return; // a fresh vector has no mask: every row valid
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.words.buffer, 0, this.words.byteLength);
  }
}

/** A column for one vector of a chunk with `rows` rows: `set` each row, then `flush` into the vector. */
export interface ColumnBuilder<T> {
  set(row: number, value: T | null | undefined): void;
  flush(vector: Vector): void;
}

abstract class FixedWidth<T> implements ColumnBuilder<T> {
  protected readonly validity: Validity;
  constructor(
    rows: number,
    private readonly data: ArrayBufferView<ArrayBuffer>,
  ) {
    this.validity = new Validity(rows);
  }
  abstract set(row: number, value: T | null | undefined): void;
  flush(vector: Vector): void {
    duckdb.copy_data_to_vector(vector, 0, this.data.buffer, this.data.byteOffset, this.data.byteLength);
    this.validity.flush(vector);
  }
}

// DoubleColumn and IntegerColumn are alike but for their typed array, deliberately: one class per array
// type keeps set() monomorphic on the ingest hot path (one call per value of every event).
export class DoubleColumn extends FixedWidth<number> {
  private readonly values: Float64Array;
  constructor(rows: number) {
    const values = new Float64Array(rows);
    super(rows, values);
    this.values = values;
  }
  set(row: number, value: number | null | undefined): void {
    if (value == null) this.validity.setNull(row);
    else this.values[row] = value;
  }
}

export class IntegerColumn extends FixedWidth<number> {
  private readonly values: Int32Array;
  constructor(rows: number) {
    const values = new Int32Array(rows);
    super(rows, values);
    this.values = values;
  }
  set(row: number, value: number | null | undefined): void {
    if (value == null) this.validity.setNull(row);
    else this.values[row] = value;
  }
}

/** BIGINT from JS numbers (rounded), written as two 32-bit halves: no BigInt per value below 2^53. */
export class BigIntColumn extends FixedWidth<number> {
  private readonly halves: Uint32Array;
  constructor(
    rows: number,
    private readonly name: string,
  ) {
    const halves = new Uint32Array(rows * 2);
    super(rows, halves);
    this.halves = halves;
  }
  set(row: number, value: number | null | undefined): void {
    if (value == null) {
      this.validity.setNull(row);
      return;
    }
    const v = Math.round(value);
    if (Number.isSafeInteger(v)) {
      const high = Math.floor(v / TWO_32);
      this.halves[row * 2] = v - high * TWO_32;
      this.halves[row * 2 + 1] = high; // two's complement for negative values
      return;
    }
    if (!Number.isFinite(v) || Math.abs(v) >= 2 ** 63) throw new Error(`${this.name} must be a finite integer within ±2^63, got ${value}`);
    const big = BigInt.asUintN(64, BigInt(v));
    this.halves[row * 2] = Number(big & 0xffffffffn);
    this.halves[row * 2 + 1] = Number(big >> 32n);
  }
}

export class BooleanColumn extends FixedWidth<boolean> {
  private readonly values: Uint8Array;
  constructor(rows: number) {
    const values = new Uint8Array(rows);
    super(rows, values);
    this.values = values;
  }
  set(row: number, value: boolean | null | undefined): void {
    if (value == null) this.validity.setNull(row);
    else this.values[row] = value ? 1 : 0;
  }
}

export class VarcharColumn implements ColumnBuilder<string> {
  private readonly validity: Validity;
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly lengths: Uint32Array;
  /** Rows whose string DuckDB must copy (longer than 12 bytes or not ASCII), first occurrences only. */
  private readonly handed: Array<{ row: number; value: string }> = [];
  private readonly firstRow = new Map<string, number>();
  /** Pairs (row, row of the first occurrence) for repeated long strings. */
  private readonly repeats: number[] = [];

  constructor(private readonly rows: number) {
    this.validity = new Validity(rows);
    const buffer = new ArrayBuffer(rows * STRING_T_BYTES);
    this.bytes = new Uint8Array(buffer);
    this.lengths = new Uint32Array(buffer);
  }

  set(row: number, value: string | null | undefined): void {
    if (value == null) {
      this.validity.setNull(row);
      return;
    }
    if (value.length <= INLINE_BYTES && this.inlineAscii(row, value)) return;
    const first = this.firstRow.get(value);
    if (first === undefined) {
      this.firstRow.set(value, row);
      this.handed.push({ row, value });
    } else {
      this.repeats.push(row, first);
    }
  }

  /** Writes an ASCII string inline; false (and nothing valid written) if it holds other characters. */
  private inlineAscii(row: number, value: string): boolean {
    const at = row * STRING_T_BYTES + 4;
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      if (c > 0x7f) {
        this.bytes.fill(0, at, at + INLINE_BYTES);
        return false;
      }
      this.bytes[at + k] = c;
    }
    this.lengths[row * 4] = value.length;
    return true;
  }

  flush(vector: Vector): void {
    const byteLength = this.rows * STRING_T_BYTES;
    duckdb.copy_data_to_vector(vector, 0, this.bytes.buffer, 0, byteLength);
    for (const { row, value } of this.handed) duckdb.vector_assign_string_element(vector, row, value);
    if (this.repeats.length > 0) {
      // Read back the string_t entries DuckDB just wrote (into our buffer) and copy each to its repeats.
      const data = this.bytes;
      data.set(duckdb.vector_get_data(vector, byteLength));
      for (let k = 0; k < this.repeats.length; k += 2) {
        const from = this.repeats[k + 1]! * STRING_T_BYTES;
        data.copyWithin(this.repeats[k]! * STRING_T_BYTES, from, from + STRING_T_BYTES);
      }
      duckdb.copy_data_to_vector(vector, 0, data.buffer, 0, byteLength);
    }
    this.validity.flush(vector);
  }
}
