/*
 * Pictures of the page's charts as files: an SVG that stands alone (no page
 * CSS, no references to other elements) and a PNG drawn from it. The charts
 * are meant to carry their own colours and fonts as attributes; whatever a
 * stylesheet adds is copied onto the clone as inline style, so a chart that
 * leans on page CSS still exports as it looks.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties SVG children inherit: copied where an element's value differs from its parent's. */
const INHERITED = [
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
  'visibility',
] as const;

/** Attributes that point into the page, meaningless in a file. */
const PAGE_ATTRIBUTES = ['aria-describedby', 'aria-labelledby', 'data-tip', 'class', 'tabindex'];

/** A chart as a standalone SVG document, with its size on screen in CSS pixels. */
export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

/**
 * Clones a chart into a standalone SVG document: explicit size and viewBox,
 * computed styles inlined where a stylesheet set them, hidden elements
 * dropped, page references removed, a `<title>` from its accessible name.
 * Labels stay `<text>`.
 *
 * @param svg a chart on the page (laid out, so its computed styles are known)
 */
export function standaloneSvg(svg: SVGSVGElement): StandaloneSvg {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  originals.forEach((original, i) => {
    const copy = copies[i] as Element;
    const own = getComputedStyle(original);
    if (own.display === 'none') {
      hidden.push(copy);
      return;
    }
    const parent = i === 0 ? null : getComputedStyle(original.parentElement as Element);
    const style = (copy as SVGElement).style;
    for (const property of INHERITED) {
      const value = own.getPropertyValue(property);
      // url(#…) paint stays in its attribute: a computed one may name the page's address.
      if (!value || value.includes('url(')) continue;
      if (!parent || parent.getPropertyValue(property) !== value) {
        style.setProperty(property, value);
      }
    }
    if (own.opacity !== '1') style.setProperty('opacity', own.opacity);
    for (const attribute of PAGE_ATTRIBUTES) copy.removeAttribute(attribute);
  });
  for (const element of hidden) element.remove();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const name = svg.getAttribute('aria-label');
  if (name && !clone.querySelector(':scope > title')) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = name;
    clone.prepend(title);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/**
 * Draws a chart as a PNG at `scale` times its size on screen, on white.
 *
 * @param scale pixels per CSS pixel (2 for sharp slides)
 * @throws Error when the browser cannot draw the SVG
 */
export async function pngOf(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = standaloneSvg(svg);
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
