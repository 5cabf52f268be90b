/**
 * Characters XML 1.0 cannot hold at all, not even as `&#…;` references
 * (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab, line
 * feed and carriage return, unpaired surrogate halves, U+FFFE and U+FFFF.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Serialised XML with every character XML 1.0 forbids removed, so the file
 * parses whatever a label held (a browser's XMLSerializer writes them as
 * they are, and the SVG then fails to parse or to draw as a PNG). Markup
 * never holds these characters, so only text and attribute values change.
 *
 * @param xml a serialised document
 */
export function xmlSafe(xml: string): string {
  return xml.replace(NOT_XML, '');
}
