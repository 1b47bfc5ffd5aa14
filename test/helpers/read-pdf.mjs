// Reads a PDF back as a reader would, with pdf.js (a Mozilla library, from npm): its pages, the
// text of each page, the fonts it uses, and optionally one page (page 1 unless told) drawn as a
// PNG. Run as its own process because pdf.js is an ES module, which jest's CommonJS tests cannot
// load directly.
//   node read-pdf.mjs <file.pdf> [<page.png> <dpi> [<page number>]]   → JSON on stdout
import { readFileSync, writeFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, png, dpi = '150', drawn = '1'] = process.argv.slice(2);
const pdf = await getDocument({
  data: new Uint8Array(readFileSync(file)),
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
}).promise;

const result = { pages: pdf.numPages, pageSize: null, text: [], fonts: [] };
const fonts = new Map();
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  result.pageSize ??= [viewport.width, viewport.height];
  const content = await page.getTextContent();
  result.text.push(content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
  const operators = await page.getOperatorList();
  operators.fnArray.forEach((fn, i) => {
    if (fn !== OPS.setFont) return;
    const font = page.commonObjs.get(operators.argsArray[i][0]);
    fonts.set(font.name, { name: font.name, embedded: !font.missingFile });
  });
  if (png && number === Number(drawn)) {
    const scaled = page.getViewport({ scale: Number(dpi) / 72 });
    const { canvas, context } = pdf.canvasFactory.create(scaled.width, scaled.height);
    await page.render({ canvasContext: context, viewport: scaled, canvas }).promise;
    writeFileSync(png, canvas.toBuffer('image/png'));
  }
}
result.fonts = [...fonts.values()];
process.stdout.write(JSON.stringify(result));
