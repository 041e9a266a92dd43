/**
 * The report page: title, the machine the figures came from, the command
 * that produced them, and every chart's SVG inlined (so the page is one
 * self-contained file, and a browser test can look inside each chart).
 */

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** [label, value] rows describing where and how the figures were taken. */
function machineRows(r) {
  const m = r.machine ?? {};
  return [
    ['Command', r.command],
    ['Date', r.date],
    ['CPU', `${m.cpuModel}, nproc = ${m.nproc}, ${m.memGiB?.toFixed(0)} GiB RAM, Linux ${m.kernel}`],
    ['Node', m.node],
    ['corepool', `${r.info?.versions?.corepool}, native SIMD level ${r.info?.simd}, pool threads ${r.native?.threads ?? '–'}`],
    ['numpy', r.numpy?.skipped ?? `${r.numpy?.version} (Python ${r.numpy?.python}, BLAS ${r.numpy?.blas})`],
    [
      'Load from other processes',
      r.load === undefined ? '–' : `${r.load.foreignCores.toFixed(2)} cores on average over the ${r.load.wallS.toFixed(0)} s run`,
    ],
  ];
}

/** The whole index.html; `charts` are { id, title, caption, svg }; `missing` says which were left out and why. */
export function renderHtml(results, charts, renderCommand, missing = []) {
  const rows = machineRows(results)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  const figures = charts
    .map(
      (c) =>
        `<figure id="${escapeHtml(c.id)}" class="chart">\n<h2>${escapeHtml(c.title)}</h2>\n${c.svg}\n<figcaption>${escapeHtml(c.caption)} <a href="${escapeHtml(c.id)}.svg">${escapeHtml(c.id)}.svg</a></figcaption>\n</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>corepool benchmark report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; vertical-align: top; }
figure { margin: 0 0 2.5rem; }
h2 { font-size: 1.1rem; }
figcaption { color: #555; font-size: 0.9rem; }
code { background: #f3f3f3; padding: 0 0.2rem; }
.missing { color: #a33; }
</style>
</head>
<body>
<h1>corepool benchmark report</h1>
<p>Figures from <code>${escapeHtml(results.command)}</code>; charts rendered by <code>${escapeHtml(renderCommand)}</code>
with vega-lite and vega's SVG renderer. Tables with every figure: <code>bench/RESULTS.md</code>.</p>
<table>
${rows}
</table>
${missing.length === 0 ? '' : `<p class="missing">Not charted: ${missing.map(escapeHtml).join('; ')}.</p>\n`}${figures}
</body>
</html>
`;
}
