import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/**
 * Draws the Teams app's two icons, committed in teams-app/appPackage: run `npx tsx tools/teams-package/draw-icons.ts`
 * after changing the drawing. The glyph is a hub joined to three councils: white on the accent colour for the
 * colour icon (192x192), white on transparent for the outline icon (32x32), as Teams asks.
 */

export const APP_PACKAGE_FOLDER = join(__dirname, '..', '..', 'teams-app', 'appPackage');

/** The manifest's accentColor, also the colour icon's background. */
export const ACCENT_COLOUR = '#1b6a8f';

type Rgb = [number, number, number];
type Point = [number, number];

const SAMPLES = 4;
/** The glyph in a unit square: a hub, three councils around it, and a spoke to each; centred top to bottom. */
const HUB: { centre: Point; radius: number } = { centre: [0.5, 0.575], radius: 0.13 };
const COUNCILS = [-90, 30, 150].map((degrees) => {
  const angle = (degrees * Math.PI) / 180;
  const [x, y] = HUB.centre;
  return { centre: [x + 0.3 * Math.cos(angle), y + 0.3 * Math.sin(angle)] as Point, radius: 0.1 };
});
const SPOKE_HALF_WIDTH = 0.035;

function insideGlyph([x, y]: Point): boolean {
  const inCircle = ({ centre: [cx, cy], radius }: { centre: Point; radius: number }) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  if (inCircle(HUB) || COUNCILS.some(inCircle)) return true;
  return COUNCILS.some(({ centre }) => distanceToSegment([x, y], HUB.centre, centre) <= SPOKE_HALF_WIDTH);
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** How much of pixel (x, y) the glyph covers, 0 to 1, with the glyph's unit square drawn `box` pixels wide. */
function coverage(x: number, y: number, offset: number, box: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const point: Point = [(x + (sx + 0.5) / SAMPLES - offset) / box, (y + (sy + 0.5) / SAMPLES - offset) / box];
      if (insideGlyph(point)) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function draw(size: number, glyphBox: number, pixel: (cover: number) => [...Rgb, number]): PNG {
  const png = new PNG({ width: size, height: size });
  const offset = (size - glyphBox) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      png.data.set(pixel(coverage(x, y, offset, glyphBox)), (y * size + x) * 4);
    }
  }
  return png;
}

/** 192x192: the white glyph, about 96 pixels across, centred on the accent colour. */
export function drawColorIcon(): PNG {
  const background = rgbOf(ACCENT_COLOUR);
  return draw(192, 128, (cover) => [
    ...(background.map((channel) => Math.round(channel + (255 - channel) * cover)) as Rgb),
    255,
  ]);
}

/** 32x32: the glyph in white, on transparent; its edges are white with partial alpha. */
export function drawOutlineIcon(): PNG {
  return draw(32, 32, (cover) => [255, 255, 255, Math.round(255 * cover)]);
}

export const ICONS = { 'color.png': drawColorIcon, 'outline.png': drawOutlineIcon } as const;

if (require.main === module) {
  for (const [name, drawIcon] of Object.entries(ICONS)) {
    const file = join(APP_PACKAGE_FOLDER, name);
    writeFileSync(file, PNG.sync.write(drawIcon()));
    console.log(`${file} written`);
  }
}
