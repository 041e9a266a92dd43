/**
 * vega-lite spec → SVG text, headless: vega-lite compiles to a vega spec and
 * vega's own SVG renderer draws it (renderer 'none' needs no canvas or DOM).
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';

/**
 * Renders `spec`; ids inside the SVG (vega's clip paths) get `prefix` so
 * several charts can be inlined in one HTML page without their ids clashing.
 */
export async function renderSvg(spec, prefix) {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
  } finally {
    view.finalize();
  }
}
