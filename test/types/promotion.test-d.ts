// Type-level checks of the kernels' result types, run by `npx tsc --noEmit -p .`
// (this file is in tsconfig's include; nothing here runs). Each `Equal` must
// hold both ways, so a result type that widens to the NumericArray union fails.
import type { NumericArray } from 'corepool';
import * as cp from 'corepool';
import * as sync from 'corepool/sync';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <A, B>(_proof: Equal<A, B>): void => undefined;

declare const f64: Float64Array;
declare const f32: Float32Array;
declare const i32: Int32Array;
declare const u32: Uint32Array;
declare const i16: Int16Array;
declare const u16: Uint16Array;
declare const i8: Int8Array;
declare const u8: Uint8Array;
declare const u8c: Uint8ClampedArray;
declare const any: NumericArray;

// Float kernels: float32 stays float32, everything else gives float64.
expectType<Awaited<ReturnType<typeof cp.exp<Float32Array>>>, Float32Array>(true);
expectType<Awaited<ReturnType<typeof cp.exp<Int16Array>>>, Float64Array>(true);
expectType<ReturnType<typeof sync.sqrtSync<Float64Array>>, Float64Array>(true);
// Same-dtype kernels keep the dtype; Uint8ClampedArray gives Uint8Array.
expectType<Awaited<ReturnType<typeof cp.abs<Int8Array>>>, Int8Array>(true);
expectType<Awaited<ReturnType<typeof cp.neg<Uint8ClampedArray>>>, Uint8Array>(true);
// Comparisons give Uint8Array.
expectType<Awaited<ReturnType<typeof cp.isnan<Float64Array>>>, Uint8Array>(true);

async function inferred(): Promise<void> {
  expectType<typeof f32, Float32Array>(true);
  // numpy's table through real calls (inference, not explicit type arguments).
  const a = await cp.add(i16, i16);
  expectType<typeof a, Int16Array>(true);
  const b = await cp.add(i16, u16);
  expectType<typeof b, Int32Array>(true);
  const c = await cp.mul(u8, i8);
  expectType<typeof c, Int16Array>(true);
  const d = await cp.sub(u32, i32);
  expectType<typeof d, Float64Array>(true);
  const e = await cp.add(f32, i16);
  expectType<typeof e, Float32Array>(true);
  const f = await cp.add(f32, i32);
  expectType<typeof f, Float64Array>(true);
  const g = await cp.exp(f32);
  expectType<typeof g, Float32Array>(true);
  const h = await cp.div(i16, i16);
  expectType<typeof h, Float64Array>(true);
  const k = await cp.lt(f64, 1);
  expectType<typeof k, Uint8Array>(true);
  // A JS number is weak: it keeps a float dtype, and an integer one unless it is a fraction.
  const l = await cp.mul(f32, 2);
  expectType<typeof l, Float32Array>(true);
  const m = await cp.add(i16, 2);
  expectType<typeof m, Int16Array | Float64Array>(true);
  const n = await cp.where(u8, i16, i16);
  expectType<typeof n, Int16Array>(true);
  const o = await cp.pow(i32, i32);
  expectType<typeof o, Int32Array>(true);
  const p = await cp.clip(u8c, u8c, u8c);
  expectType<typeof p, Uint8Array>(true);
  const q = sync.addSync(i16, i16);
  expectType<typeof q, Int16Array>(true);
  const r = await cp.hypot(f32, f32);
  expectType<typeof r, Float32Array>(true);
  const s = await cp.axpy(2, f32, f32);
  expectType<typeof s, Float32Array>(true);
  // An operand typed as the union gives the union of the results.
  const t = await cp.exp(any);
  expectType<typeof t, Float32Array | Float64Array>(true);
}
void inferred;
