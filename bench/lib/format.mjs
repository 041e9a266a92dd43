/** Number formatting and Markdown tables for bench/RESULTS.md. */

/** ns as a human duration with 3 significant digits: "812 ns", "4.10 µs", "13.2 ms". */
export function fmtTime(ns) {
  if (ns === undefined || ns === null || !Number.isFinite(ns)) return '–';
  const units = [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'µs'],
    [1, 'ns'],
  ];
  for (const [scale, unit] of units) {
    if (Math.abs(ns) >= scale || scale === 1) return `${(ns / scale).toPrecision(3)} ${unit}`;
  }
  return `${ns} ns`;
}

/** Bytes per ns is exactly GB/s (1 GB = 1e9 bytes). */
export function gbps(bytes, ns) {
  return bytes / ns;
}

/** A throughput with one decimal, or a dash. */
export function fmtGbs(value) {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(1);
}

/** A ratio such as "2.31×", or a dash when either side is missing. */
export function fmtRatio(value) {
  return value === undefined || !Number.isFinite(value) ? '–' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
}

/** Sizes as the brief writes them: 1e3, 1e5, 5e7; powers of two stay whole. */
export function fmtSize(n) {
  const exp = Math.floor(Math.log10(n));
  const mant = n / 10 ** exp;
  return Number.isInteger(mant) && exp >= 3 && !Number.isInteger(Math.log2(n)) ? `${mant}e${exp}` : String(n);
}

/** A GitHub-flavoured Markdown table from a header row and body rows. */
export function mdTable(header, rows, align) {
  const al = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const sep = al.map((a) => (a === 'r' ? '---:' : a === 'c' ? ':---:' : '---'));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(sep), ...rows.map(line)].join('\n');
}
