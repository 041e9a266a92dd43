/**
 * The generator under the random kernels, checked against the published
 * known answers, and the stream layout (native/kernels/random.h) checked
 * against corepool's output on the backend under test.
 */
import { random } from 'corepool';
import { describe, expect, it } from 'vitest';
import { mulHi, philox } from '../../src/kernels/random_philox.js';

const hex = (words: Uint32Array): string[] => [...words].map((w) => w.toString(16).padStart(8, '0'));

describe('Philox4x32-10', () => {
  it("matches Random123's known-answer vectors", () => {
    const out = new Uint32Array(4);
    philox(0, 0, 0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    philox(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
    expect(hex(out)).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect(hex(out)).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('computes the exact high half of 32 x 32-bit products', () => {
    const cases = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xd2511f53, 0x12345678];
    for (const a of cases) {
      for (const m of cases) {
        const exact = Number((BigInt(a) * BigInt(m)) >> 32n);
        expect(mulHi(a, m >>> 16, m & 0xffff)).toBe(exact);
      }
    }
  });
});

describe(`stream layout on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  const seed = 0x1234_5678_9abcn;
  const key0 = Number(seed & 0xffffffffn);
  const key1 = Number(seed >> 32n);
  const words = new Uint32Array(4);

  it('uniform element g takes the top 53 bits of words 2h:2h+1 of counter (g/2, 0, 0, 0x55)', async () => {
    const x = await random.uniform(6, { seed, offset: 2 ** 32 * 2 + 4 });
    for (let i = 0; i < 6; i++) {
      const g = 2 ** 33 + 4 + i;
      const pair = Math.floor(g / 2);
      philox(pair >>> 0, Math.floor(pair / 2 ** 32), 0, 0x55, key0, key1, words);
      const h = g % 2;
      const top53 = ((BigInt(words[2 * h]!) << 32n) | BigInt(words[2 * h + 1]!)) >> 11n;
      expect(x[i]).toBe(Number(top53) / 2 ** 53);
    }
  });

  it('integers element g takes word g mod 4 of counter (g/4, 0, 0, 0x49) when not rejected', async () => {
    const x = await random.integers(8, { seed, high: 2 ** 32, dtype: 'uint32', offset: 6 });
    for (let i = 0; i < 8; i++) {
      const g = 6 + i;
      philox(Math.floor(g / 4), 0, 0, 0x49, key0, key1, words);
      expect(x[i]).toBe(words[g % 4]);
    }
  });

  it('normal element 2p, 2p+1 is Box–Muller of counter (p, 0, 0, 0x4e), within a few ulps of Math.log/cos/sin', async () => {
    const n = 20_000;
    const z = await random.normal(n, { seed });
    let worst = 0;
    for (let p = 0; p < n / 2; p++) {
      philox(p, 0, 0, 0x4e, key0, key1, words);
      const v = (words[0]! * 2 ** 21 + (words[1]! >>> 11) + 1) / 2 ** 53; // (0, 1]
      const t = (words[2]! * 2 ** 21 + (words[3]! >>> 11)) / 2 ** 53; // [0, 1) turns
      const r = Math.sqrt(-2 * Math.log(v));
      const angle = 2 * Math.PI * t;
      // libm's own errors and the rounding of 2π·t allow a few ulps of r.
      worst = Math.max(
        worst,
        Math.abs(z[2 * p]! - r * Math.cos(angle)) / (r * 2 ** -52),
        Math.abs(z[2 * p + 1]! - r * Math.sin(angle)) / (r * 2 ** -52),
      );
    }
    expect(worst).toBeLessThan(16);
  });
});
