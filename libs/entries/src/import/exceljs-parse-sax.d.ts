/**
 * exceljs's own SAX loop (saxes under it), used by the streaming XLSX reader (xlsx-parts.ts):
 * exceljs publishes no types for its internal modules. It yields, per chunk written, the
 * events that chunk completed. Give it strings: it decodes each Buffer chunk on its own, which
 * would break a Chinese character cut across two chunks.
 */
declare module 'exceljs/lib/utils/parse-sax' {
  namespace parseSax {
    interface SaxTag {
      name: string;
      attributes: Record<string, string>;
      isSelfClosing: boolean;
    }
    type SaxEvent =
      | { eventType: 'opentag'; value: SaxTag }
      | { eventType: 'closetag'; value: SaxTag }
      | { eventType: 'text'; value: string };
  }
  function parseSax(chunks: AsyncIterable<string>): AsyncGenerator<parseSax.SaxEvent[]>;
  export = parseSax;
}
