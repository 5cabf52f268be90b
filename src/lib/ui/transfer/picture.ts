/*
 * Pictures of the page's charts as files: an SVG that stands alone (no page
 * CSS, no references to other elements) and a PNG drawn from it. The charts
 * are meant to carry their own colours and fonts as attributes; whatever a
 * page stylesheet adds is copied onto the clone as inline style, so a chart
 * that leans on page CSS still exports as it looks.
 */

import { CHART_FONT, CHART_INK, CHART_MUTED } from '../chart-ink';
import { xmlSafe } from './xml-safe';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Style properties that change how a chart looks; copied where page CSS changed them. */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'paint-order',
  'opacity',
  'visibility',
] as const;

/** Attributes that point into the page, meaningless in a file. */
const PAGE_ATTRIBUTES = ['aria-describedby', 'aria-labelledby', 'data-tip', 'class', 'tabindex'];

/** The heading a picture carries above the chart: the model's name, and what the chart shows with the constraint. */
export interface PictureHeading {
  /** The model's name ("AE team"). */
  title: string;
  /** "Flow, per month · The constraint is Contact." */
  subtitle: string;
}

/** Height in CSS pixels of the band a {@link PictureHeading} takes above the chart. */
export const HEADING_HEIGHT = 48;

/** A chart as a standalone SVG document, with its size in CSS pixels (the chart's on screen, plus any heading). */
export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

/**
 * Clones a chart into a standalone SVG document: explicit size and viewBox,
 * styles inlined only where a page stylesheet changed how an element looks,
 * hidden elements dropped, page references removed, a `<title>` from its
 * accessible name, characters XML cannot hold removed. Labels stay `<text>`.
 * With a heading, the chart sits under a {@link HEADING_HEIGHT} px band that
 * names the model and the constraint (as text, and in the `<title>`), so a
 * picture pasted into a deck says what it is of.
 *
 * @param svg a chart on the page (laid out, so its computed styles are known)
 */
export function standaloneSvg(svg: SVGSVGElement, heading?: PictureHeading): StandaloneSvg {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // The clone is laid out where no page CSS reaches (a shadow root under a
  // reset host), so comparing its styles with the original's shows exactly
  // what the page's stylesheets added.
  const host = document.createElement('div');
  host.style.cssText = 'all: initial; position: fixed; left: -100000px; top: 0;';
  document.body.append(host);
  try {
    host.attachShadow({ mode: 'open' }).append(clone);
    const originals = [svg, ...svg.querySelectorAll('*')];
    const copies = [clone, ...clone.querySelectorAll('*')];
    const hidden: Element[] = [];
    originals.forEach((original, i) => {
      const copy = copies[i] as SVGElement;
      const want = getComputedStyle(original);
      if (want.display === 'none') {
        hidden.push(copy);
        return;
      }
      // Parents come first, so what a child inherits is already settled.
      const got = getComputedStyle(copy);
      for (const property of PAINT) {
        const value = want.getPropertyValue(property);
        // url(#…) paint stays in its attribute: a computed one may name the page's address.
        if (value && !value.includes('url(') && got.getPropertyValue(property) !== value) {
          copy.style.setProperty(property, value);
        }
      }
    });
    for (const element of hidden) element.remove();
  } finally {
    clone.remove();
    host.remove();
  }
  for (const element of [clone, ...clone.querySelectorAll('*')]) {
    for (const attribute of PAGE_ATTRIBUTES) element.removeAttribute(attribute);
  }
  clone.setAttribute('xmlns', SVG_NS);
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const name = svg.getAttribute('aria-label');
  if (name && !clone.querySelector(':scope > title')) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = name;
    clone.prepend(title);
  }
  const root = heading ? withHeading(clone, heading, width, height) : clone;
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xmlSafe(new XMLSerializer().serializeToString(root))}\n`;
  return { text, width, height: heading ? height + HEADING_HEIGHT : height };
}

/** An SVG element with attributes. */
function element(tag: string, attributes: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/** Wraps a standalone chart in an SVG that puts the heading above it, on white. */
function withHeading(
  chart: SVGSVGElement,
  heading: PictureHeading,
  width: number,
  height: number,
): SVGSVGElement {
  const total = height + HEADING_HEIGHT;
  const root = element('svg', {
    xmlns: SVG_NS,
    width,
    height: total,
    viewBox: `0 0 ${width} ${total}`,
    'font-family': CHART_FONT,
  }) as SVGSVGElement;
  const title = element('title', {});
  title.textContent = `${heading.title} — ${heading.subtitle}`;
  const lines = [
    { text: heading.title, y: 20, size: 15, weight: '700', fill: CHART_INK },
    { text: heading.subtitle, y: 38, size: 12, weight: '400', fill: CHART_MUTED },
  ].map((line) => {
    const t = element('text', {
      x: 12,
      y: line.y,
      'font-size': line.size,
      'font-weight': line.weight,
      fill: line.fill,
    });
    t.textContent = line.text;
    return t;
  });
  chart.removeAttribute('xmlns');
  chart.setAttribute('y', String(HEADING_HEIGHT));
  root.append(title, element('rect', { width, height: total, fill: '#ffffff' }), ...lines, chart);
  return root;
}

/**
 * Draws a chart as a PNG at `scale` times its size on screen (and its
 * heading's, when given: see {@link standaloneSvg}), on white.
 *
 * @param scale pixels per CSS pixel (2 for sharp slides)
 * @throws Error when the browser cannot draw the SVG
 */
export async function pngOf(
  svg: SVGSVGElement,
  scale = 2,
  heading?: PictureHeading,
): Promise<Blob> {
  const { text, width, height } = standaloneSvg(svg, heading);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw pictures (no 2D canvas).');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
