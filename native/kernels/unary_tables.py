"""Generates the tables and polynomial coefficients of the unary kernels.

Usage: python3 native/kernels/unary_tables.py   (deterministic; needs mpmath)

Writes native/kernels/unary_tables.h and src/kernels/unary_tables.ts from the
same numbers, so the C++ kernels and the TypeScript twins that share an
algorithm (tanh, sinh, cosh, log10) round identically. Everything here is
derived from the mathematics: coefficients are near-minimax (Chebyshev) fits
computed by mpmath at 200 bits and rounded once to double.
"""
import math
import os
import struct

import mpmath
from mpmath import mp

mp.prec = 200
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TINY = mpmath.mpf(2) ** -100


def d(x):
    """Nearest double to an mpf (mpmath rounds to nearest at 53 bits)."""
    with mpmath.workprec(53):
        return float(+mpmath.mpf(x))


def round_bits(x, bits):
    """x rounded to `bits` significant bits, as a double."""
    m, e = mpmath.frexp(x)
    return d(mpmath.nint(m * 2**bits) * mpmath.mpf(2) ** (e - bits))


def round_quantum(x, q):
    """x rounded to a multiple of 2^q."""
    return d(mpmath.nint(x * mpmath.mpf(2) ** -q) * mpmath.mpf(2) ** q)


def fit(h, a, b, degree):
    """Near-minimax polynomial for h on [a, b], lowest coefficient first."""
    coeffs, err = mpmath.chebyfit(h, [a, b], degree + 1, error=True)
    return [d(c) for c in reversed(coeffs)], err


def series_quotient(f, lead, power):
    """(f(r) - lead(r)) / r^power, evaluated with enough extra bits for the cancellation (r = 0 taken at TINY)."""
    def h(r):
        if abs(r) < TINY:
            r = TINY
        with mpmath.workprec(mp.prec + 120 * power):
            r = mpmath.mpf(r)
            return +((f(r) - lead(r)) / r**power)
    return h


# exp: exp(x) = 2^(k/128) * exp(r), |r| <= ln2/256; exp(r) - 1 - r = r^2 P(r).
EXP_N = 128
EXP_R = mpmath.log(2) / (2 * EXP_N) * mpmath.mpf("1.01")
EXP_POLY, exp_err = fit(series_quotient(mpmath.exp, lambda r: 1 + r, 2), -EXP_R, EXP_R, 3)
LN2 = mpmath.log(2)
# kd * Ln2HiN is exact for |k| < 2^17 when Ln2HiN has 36 bits.
LN2_HI_N = round_bits(LN2 / EXP_N, 36)
LN2_LO_N = d(LN2 / EXP_N - LN2_HI_N)
EXP_HI = []
EXP_TAIL = []
for i in range(EXP_N):
    t = mpmath.mpf(2) ** (mpmath.mpf(i) / EXP_N)
    hi = d(t)
    EXP_HI.append(hi)
    EXP_TAIL.append(d((t - hi) / hi))

# log: z in [0.6875, 1.375) splits into 128 intervals; 1/c has at most 10
# significant bits so that zhi * invc is exact; c = 1 around 1.
LOG_N = 128
LOG_OFF = 0x3FE6000000000000
LOG_INVC = []
LOG_C_HI = []
LOG_C_LO = []
LOG_QUANTUM = -42  # k*Ln2Hi and logc_hi are multiples of 2^-42: their sum is exact.
for i in range(LOG_N):
    if i < 80:
        lo = mpmath.mpf("0.6875") + mpmath.mpf(i) / 256
        width = mpmath.mpf(1) / 256
    else:
        lo = 1 + mpmath.mpf(i - 80) / 128
        width = mpmath.mpf(1) / 128
    if i in (79, 80):
        invc = 1.0
    else:
        invc = round_bits(1 / (lo + width / 2), 10)
    logc = -mpmath.log(invc)
    hi = round_quantum(logc, LOG_QUANTUM)
    # Every r = z/c - 1 of the interval must lie where LOG_POLY was fitted.
    for z in (lo, lo + width):
        assert mpmath.mpf("-0.0046") < z * invc - 1 < mpmath.mpf("0.0079"), (i, z * invc - 1)
    LOG_INVC.append(invc)
    LOG_C_HI.append(hi)
    LOG_C_LO.append(d(logc - hi))
LN2_HI = round_quantum(LN2, LOG_QUANTUM)
LN2_LO = d(LN2 - LN2_HI)
# log1p(r) - r + r^2/2 = r^3 P(r) over every interval's r range.
LOG_POLY, log_err = fit(series_quotient(mpmath.log1p, lambda r: r - r * r / 2, 3),
                        mpmath.mpf("-0.0046"), mpmath.mpf("0.0079"), 5)
# log's table-free form (the speed-target kernel): with m = 1 + f in
# [sqrt(1/2), sqrt(2)) and s = f / (2 + f), log(m) = 2 atanh(s) = 2s + s R(s^2);
# R(z) = z P(z) over z <= (3 - 2 sqrt 2)^2.
ATANH_Z = (3 - 2 * mpmath.sqrt(2)) ** 2 * mpmath.mpf("1.0001")


def atanh_rest(z):
    z = max(z, TINY)
    s = mpmath.sqrt(z)
    return (mpmath.log((1 + s) / (1 - s)) - 2 * s) / (s * z)


LOGF_POLY, logf_err = fit(atanh_rest, 0, ATANH_Z, 6)
INV_LN2 = mpmath.mpf(1) / LN2
INV_LN10 = mpmath.mpf(1) / mpmath.log(10)

# expm1 on |x| < 1/4: x + x^2/2 + x^3 Q(x).
EXPM1_X = mpmath.mpf(1) / 4
EXPM1_POLY, expm1_err = fit(series_quotient(mpmath.expm1, lambda x: x + x * x / 2, 3), -EXPM1_X, EXPM1_X, 8)

# sin/cos on |r| <= pi/4 (+ slack for the rounded quotient), in z = r^2.
Z_MAX = (mpmath.pi / 4 + mpmath.mpf(2) ** -18) ** 2


def in_z(f, lead, power):
    def h(z):
        z = max(z, TINY)
        s = mpmath.sqrt(z)
        return (f(s) - lead(s)) / s**power
    return h


SIN_POLY, sin_err = fit(in_z(mpmath.sin, lambda s: s, 3), 0, Z_MAX, 6)
COS_POLY, cos_err = fit(in_z(mpmath.cos, lambda s: 1 - s * s / 2, 4), 0, Z_MAX, 6)
PIO2 = mpmath.pi / 2
PIO2_1 = round_bits(PIO2, 33)
PIO2_2 = round_bits(PIO2 - PIO2_1, 33)
PIO2_3 = round_bits(PIO2 - PIO2_1 - PIO2_2, 33)
PIO2_4 = d(PIO2 - PIO2_1 - PIO2_2 - PIO2_3)
PIO2_HI = d(PIO2)
PIO2_LO = d(PIO2 - PIO2_HI)
# Bits of 2/pi for the large-argument reduction, after 64 zero bits so a
# window may start before the binary point.
TWO_OVER_PI_WORDS = 24
with mpmath.workprec(64 * TWO_OVER_PI_WORDS + 64):
    two_over_pi = int(mpmath.floor(2 / mpmath.pi * mpmath.mpf(2) ** (64 * (TWO_OVER_PI_WORDS - 1))))
TWO_OVER_PI = [(two_over_pi >> (64 * (TWO_OVER_PI_WORDS - 1 - w))) & (2**64 - 1) for w in range(TWO_OVER_PI_WORDS)]

# tanh on |x| < 1/16 and sinh on |x| < 1/4: x + x^3 P(x^2).
TANH_POLY, tanh_err = fit(in_z(mpmath.tanh, lambda s: s, 3), 0, mpmath.mpf(1) / 256, 4)
SINH_POLY, sinh_err = fit(in_z(mpmath.sinh, lambda s: s, 3), 0, mpmath.mpf(1) / 16, 4)
# cbrt on [1, 8): a start for Newton's iteration.
CBRT_POLY, cbrt_err = fit(mpmath.cbrt, 1, 8, 5)


def hexf(x):
    return float.hex(x)


def u64(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def cpp():
    out = ["// Generated by native/kernels/unary_tables.py; do not edit.",
           "// Tables and coefficients of the unary kernels (see that script).",
           "#pragma once", "", "#include <cstdint>", "", "namespace corepool::unary {", ""]

    def const(name, value):
        out.append(f"inline constexpr double {name} = {hexf(value)};")

    def arr(name, ctype, values, fmt):
        out.append(f"inline constexpr {ctype} {name}[{len(values)}] = {{")
        for k in range(0, len(values), 3):
            out.append("    " + " ".join(fmt(v) + "," for v in values[k:k + 3]))
        out.append("};")

    const("kExpInvLn2N", d(EXP_N / LN2))
    const("kExpLn2HiN", LN2_HI_N)
    const("kExpLn2LoN", LN2_LO_N)
    for k, c in enumerate(EXP_POLY):
        const(f"kExpC{k + 2}", c)
    const("kLn2", d(LN2))
    const("kLn2Hi", LN2_HI)
    const("kLn2Lo", LN2_LO)
    for k, c in enumerate(LOG_POLY):
        const(f"kLogC{k + 3}", c)
    for k, c in enumerate(EXPM1_POLY):
        const(f"kExpm1C{k}", c)
    for k, c in enumerate(LOGF_POLY):
        const(f"kLogFastC{k}", c)
    out.append("inline constexpr std::uint64_t kSqrtHalfBits = 0x3fe6a09e667f3bcd;")
    const("kInvLn2Hi", d(INV_LN2))
    const("kInvLn2Lo", d(INV_LN2 - d(INV_LN2)))
    const("kInvLn10Hi", d(INV_LN10))
    const("kInvLn10Lo", d(INV_LN10 - d(INV_LN10)))
    for k, c in enumerate(SIN_POLY):
        const(f"kSinC{2 * k + 3}", c)
    for k, c in enumerate(COS_POLY):
        const(f"kCosC{2 * k + 4}", c)
    const("kTwoOverPi", d(2 / mpmath.pi))
    for k, p in enumerate((PIO2_1, PIO2_2, PIO2_3, PIO2_4)):
        const(f"kPio2Part{k + 1}", p)
    const("kPio2Hi", PIO2_HI)
    const("kPio2Lo", PIO2_LO)
    for k, c in enumerate(TANH_POLY):
        const(f"kTanhC{2 * k + 3}", c)
    for k, c in enumerate(SINH_POLY):
        const(f"kSinhC{2 * k + 3}", c)
    for k, c in enumerate(CBRT_POLY):
        const(f"kCbrtC{k}", c)
    out.append(f"inline constexpr std::uint64_t kLogOff = {LOG_OFF:#x};")
    out.append("")
    out.append("/// bits(2^(i/128)) - (i << 45): adding k << 45 yields the bits of 2^(k/128) for any k.")
    arr("kExpBits", "std::uint64_t", [u64(h) - (i << 45) for i, h in enumerate(EXP_HI)], lambda v: f"{v:#018x}")
    out.append("/// (2^(i/128) - hi) / hi, the part of 2^(i/128) a double misses.")
    arr("kExpTail", "double", EXP_TAIL, hexf)
    out.append("/// 1/c of each log interval (10 significant bits, 1 around 1) and -log(1/c) as hi + lo.")
    arr("kLogInvc", "double", LOG_INVC, hexf)
    arr("kLogcHi", "double", LOG_C_HI, hexf)
    arr("kLogcLo", "double", LOG_C_LO, hexf)
    out.append(f"/// floor(2/pi * 2^{64 * (TWO_OVER_PI_WORDS - 1)}), most significant word first: 64 zero bits, then the fraction.")
    arr("kTwoOverPiBits", "std::uint64_t", TWO_OVER_PI, lambda v: f"{v:#018x}")
    out += ["", "}  // namespace corepool::unary", ""]
    return "\n".join(out)


def ts():
    out = ["/**", " * Generated by native/kernels/unary_tables.py; do not edit. The numbers of",
           " * native/kernels/unary_tables.h that the twins in unary_math.ts share with C++.", " */"]

    def const(name, value):
        out.append(f"export const {name} = {value!r};")

    def arr(name, values):
        out.append(f"export const {name} = new Float64Array([")
        for k in range(0, len(values), 4):
            out.append("  " + " ".join(f"{v!r}," for v in values[k:k + 4]))
        out.append("]);")

    const("EXP_INV_LN2_N", d(EXP_N / LN2))
    const("EXP_LN2_HI_N", LN2_HI_N)
    const("EXP_LN2_LO_N", LN2_LO_N)
    for k, c in enumerate(EXP_POLY):
        const(f"EXP_C{k + 2}", c)
    const("LN2_HI", LN2_HI)
    const("LN2_LO", LN2_LO)
    for k, c in enumerate(LOG_POLY):
        const(f"LOG_C{k + 3}", c)
    const("INV_LN10_HI", d(INV_LN10))
    const("INV_LN10_LO", d(INV_LN10 - d(INV_LN10)))
    for k, c in enumerate(TANH_POLY):
        const(f"TANH_C{2 * k + 3}", c)
    for k, c in enumerate(SINH_POLY):
        const(f"SINH_C{2 * k + 3}", c)
    out.append("/** 2^(i/128) rounded, and the relative part it misses. */")
    arr("EXP_HI", EXP_HI)
    arr("EXP_TAIL", EXP_TAIL)
    out.append("/** 1/c of each log interval and -log(1/c) as hi + lo. */")
    arr("LOG_INVC", LOG_INVC)
    arr("LOG_C_HI", LOG_C_HI)
    arr("LOG_C_LO", LOG_C_LO)
    return "\n".join(out) + "\n"


def main():
    for name, err in (("exp", exp_err * EXP_R**2), ("log", log_err * mpmath.mpf("0.0079") ** 2),
                      ("log (table-free)", logf_err * ATANH_Z**1.5), ("expm1", expm1_err * EXPM1_X**2),
                      ("sin", sin_err * Z_MAX), ("cos", cos_err * Z_MAX**2), ("tanh", tanh_err / 256),
                      ("sinh", sinh_err / 16), ("cbrt", cbrt_err)):
        print(f"{name}: fit error 2^{float(mpmath.log(err, 2)):.1f}")
    with open(os.path.join(HERE, "unary_tables.h"), "w") as f:
        f.write(cpp())
    with open(os.path.join(ROOT, "src", "kernels", "unary_tables.ts"), "w") as f:
        f.write(ts())


if __name__ == "__main__":
    main()
