// Many copies of few barcodes (a sheet of labels for one product): each distinct code is drawn once
// by JsBarcode into a detached SVG, and every copy is a clone of it, so a batch of thousands is quick.
import JsBarcode from 'jsbarcode';

export type Stamp = { value: string; format: 'EAN13' | 'UPC' | 'CODE128'; label: string };

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A Svelte action factory with its own cache: `use:stamp={{ value, format, label }}`. */
export function barcodeStamper(options: { height: number; barWidth: number }) {
  const drawn = new Map<string, SVGSVGElement>();
  function draw(code: Stamp): SVGSVGElement {
    const key = `${code.format}:${code.value}`;
    let svg = drawn.get(key);
    if (!svg) {
      svg = document.createElementNS(SVG_NS, 'svg');
      JsBarcode(svg, code.value, {
        format: code.format,
        height: options.height,
        width: options.barWidth,
        fontSize: 13,
        margin: 4,
      });
      drawn.set(key, svg);
    }
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('role', 'img');
    copy.setAttribute('aria-label', code.label);
    copy.dataset.barcode = code.value;
    return copy;
  }
  return (node: HTMLElement, code: Stamp) => {
    node.replaceChildren(draw(code));
    return { update: (next: Stamp) => node.replaceChildren(draw(next)) };
  };
}
