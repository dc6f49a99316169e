import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePng } from './png.js';

/**
 * The Teams app's icons, drawn here so that they can be redrawn: a page of a committee
 * document. Teams wants a 192×192 colour icon and a 32×32 outline, white on transparent.
 * `npx tsx adapters/teams/icons.ts` writes both into appPackage/.
 */

export interface Raster {
  width: number;
  height: number;
  rgba: Uint8Array;
}

type Shape = (x: number, y: number) => boolean;
type Colour = readonly [number, number, number, number];

const BLUE: Colour = [0x1b, 0x4f, 0x8a, 255];
const WHITE: Colour = [255, 255, 255, 255];
const FOLD: Colour = [0xc9, 0xd6, 0xe6, 255];

const box = (x0: number, y0: number, x1: number, y1: number, r = 0): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};

/** A page with its top right corner folded down by `fold`. */
function page(x0: number, y0: number, x1: number, y1: number, fold: number, r: number): { sheet: Shape; flap: Shape } {
  const body = box(x0, y0, x1, y1, r);
  const inCorner = (x: number, y: number) => x > x1 - fold && y < y0 + fold;
  return {
    sheet: (x, y) => body(x, y) && !(inCorner(x, y) && x - (x1 - fold) > y - y0),
    flap: (x, y) => inCorner(x, y) && x - (x1 - fold) <= y - y0,
  };
}

/** Paints layers in order, each pixel sampled 4×4 times so that edges are smooth. */
function paint(size: number, layers: readonly [Shape, Colour][], background: Colour | null): Raster {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let colour = background;
          for (const [shape, c] of layers) if (shape(x, y)) colour = c;
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      rgba.set(a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / (n * n)) * 255)] : [0, 0, 0, 0], i);
    }
  }
  return { width: size, height: size, rgba };
}

const lines = (x0: number, x1: number, ys: readonly number[], thickness: number, r: number): Shape[] => ys.map((y, i) => box(x0, y, i === ys.length - 1 ? x0 + (x1 - x0) * 0.6 : x1, y + thickness, r));

export function colourIcon(): Raster {
  const { sheet, flap } = page(58, 38, 134, 154, 26, 8);
  return paint(192, [[sheet, WHITE], [flap, FOLD], ...lines(72, 120, [76, 94, 112, 130], 7, 3.5).map((l): [Shape, Colour] => [l, BLUE])], BLUE);
}

export function outlineIcon(): Raster {
  const outer = page(7, 3, 25, 29, 7, 2);
  const inner = page(9, 5, 23, 27, 6, 0.5);
  const edge: Shape = (x, y) => (outer.sheet(x, y) && !inner.sheet(x, y)) || (outer.flap(x, y) && !inner.flap(x, y) && !inner.sheet(x, y));
  return paint(32, [[edge, WHITE], ...lines(11, 20, [12, 17, 22], 2, 1).map((l): [Shape, Colour] => [l, WHITE])], null);
}

export const iconPng = (raster: Raster): Buffer => encodePng(raster.width, raster.height, raster.rgba);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'appPackage');
  writeFileSync(join(dir, 'color.png'), iconPng(colourIcon()));
  writeFileSync(join(dir, 'outline.png'), iconPng(outlineIcon()));
}
