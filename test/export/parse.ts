/** Readers for the export tests: an XML parser set up once, HTML entity decoding, arrays of one-or-many. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  cdataPropName: '#cdata',
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** Parses well-formed XML (throws with the validator's reason otherwise). */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml) as Record<string, unknown>;
}

/** fast-xml-parser gives one child as an object and several as an array. */
export function many<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The text of `&lt;p&gt;…` HTML as a person reads it: tags dropped, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** How a one-line format keeps a text: runs of blanks (tabs, line breaks) as one space. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
