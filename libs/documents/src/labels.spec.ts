import {
  DocumentFonts,
  ExhibitLabel,
  LABEL_LAYOUTS,
  judgeEntryUrl,
  labelCells,
  renderLabelSheet,
} from '@app/documents';
import { pdfQrs, readPdf } from '../../../test/helpers/pdf-reader';

// Read back as a reader and a phone would: the text pdf.js extracts, and every QR code decoded
// from the page drawn at print resolution, cell by cell, so each code is checked against the
// label it sits on.
const fonts = new DocumentFonts();
const publicUrl = 'https://awards.example.org/';
const eventName = '2026年广西发明创造成果展览交易会';

function labels(count: number): ExhibitLabel[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `TC-01-${String(i + 1).padStart(4, '0')}`,
    title: i % 4 === 0 ? `一种可折叠的太阳能农用灌溉装置（第${i + 1}号）` : `坭兴陶茶具${i + 1}`,
    category: i % 2 ? '陶瓷 / 坭兴陶' : '编织 / 竹编',
  }));
}
const flat = (text: string) => text.replace(/\s+/g, '');

describe('renderLabelSheet', () => {
  it('prints 8 labels to an A4 page in the 2×4 layout, each QR code holding the judge URL of the label it is on', async () => {
    const list = labels(19);
    const progress: Array<[number, number]> = [];
    const pdf = await renderLabelSheet(
      fonts,
      { eventName, labels: list },
      { publicUrl, layout: '2x4', onProgress: (done, total) => void progress.push([done, total]) },
    );
    const read = readPdf(pdf);
    expect(read.pages).toBe(3);
    expect(read.pageSize).toEqual([595.28, 841.89]);
    expect(progress).toEqual([
      [8, 19],
      [16, 19],
      [19, 19],
    ]);
    const all = flat(read.text.join(''));
    for (const label of list) {
      expect(all).toContain(label.code);
      expect(all).toContain(flat(label.title));
    }
    expect(all).toContain(eventName);
    expect(all).toContain('陶瓷/坭兴陶');

    // The cells tile the page inside its margin, so these are all the codes there are; the
    // last page's empty cells have none.
    const cells = labelCells(LABEL_LAYOUTS['2x4']);
    for (const page of [1, 3]) {
      const found = await pdfQrs(pdf, cells, { page });
      const expected = cells.map((_, i) => {
        const label = list[(page - 1) * cells.length + i];
        return label ? judgeEntryUrl(publicUrl, label.code) : null;
      });
      expect(found.map((qr) => qr?.data ?? null)).toEqual(expected);
    }
  });

  it('prints 21 smaller labels to a page in the 3×7 layout, every QR code still readable', async () => {
    const list = labels(21);
    const pdf = await renderLabelSheet(
      fonts,
      { eventName, labels: list },
      { publicUrl, layout: '3x7' },
    );
    expect(readPdf(pdf).pages).toBe(1);
    const found = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['3x7']));
    expect(found.map((qr) => qr?.data)).toEqual(list.map((l) => judgeEntryUrl(publicUrl, l.code)));
  });

  it('sets a long title smaller to keep it whole, and cuts one too long for any size with an ellipsis, inside its label', async () => {
    const long = '一种可折叠的太阳能农用灌溉装置及其远程控制系统与配套的节水滴灌管网';
    const tooLong = `${'壮锦铜鼓纹样的传承与创新'.repeat(16)}结尾在此`;
    const list = labels(6);
    list[0] = { ...list[0], title: long };
    list[1] = { ...list[1], title: tooLong };
    const pdf = await renderLabelSheet(
      fonts,
      { eventName, labels: list },
      { publicUrl, layout: '3x7' },
    );
    const read = readPdf(pdf);
    expect(read.pages).toBe(1); // nothing spilled onto another page
    const text = flat(read.text[0]);
    expect(text).toContain(long);
    expect(text).toContain('壮锦铜鼓纹样的传承与创新壮锦');
    expect(text).not.toContain('结尾在此');
    expect(text).toMatch(/…/);
    // The labels around the long ones are whole: their codes, categories and QR codes.
    for (const label of list) expect(text).toContain(label.code);
    expect(text.split('陶瓷/坭兴陶')).toHaveLength(4);
    const found = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['3x7']).slice(0, 6));
    expect(found.map((qr) => qr?.data)).toEqual(list.map((l) => judgeEntryUrl(publicUrl, l.code)));
  });

  it('draws characters the Chinese face lacks (𠮷) from the fallback faces', async () => {
    const list = [
      { code: 'BZ-01-0007', title: '𠮷祥如意壮锦挂毯', category: '编织 / 𠮷林竹编' },
      ...labels(2),
    ];
    const pdf = await renderLabelSheet(
      fonts,
      { eventName: '𠮷林工艺展', labels: list },
      { publicUrl },
    );
    const read = readPdf(pdf);
    const text = flat(read.text.join(''));
    expect(text).toContain('𠮷祥如意壮锦挂毯');
    expect(text).toContain('编织/𠮷林竹编');
    expect(text).toContain('𠮷林工艺展');
    expect(read.fonts.some((f) => /^[A-Z]{6}\+NotoSansJP-Regular$/.test(f.name))).toBe(true);
    const [first] = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['2x4']).slice(0, 1));
    expect(first?.data).toBe(judgeEntryUrl(publicUrl, 'BZ-01-0007'));
  });

  it('gives the same bytes for the same labels and date', async () => {
    const data = { eventName, labels: labels(9) };
    const createdAt = new Date('2026-03-01T00:00:00Z');
    const a = await renderLabelSheet(fonts, data, { publicUrl, createdAt });
    const b = await renderLabelSheet(fonts, data, { publicUrl, createdAt });
    expect(a.equals(b)).toBe(true);
  });
});

describe('judgeEntryUrl', () => {
  it('joins PUBLIC_URL and the exhibit code with one slash and escapes the code', () => {
    expect(judgeEntryUrl('https://x.org/', 'B03-0127')).toBe('https://x.org/judge/entry/B03-0127');
    expect(judgeEntryUrl('http://localhost:3000', 'a/b c')).toBe(
      'http://localhost:3000/judge/entry/a%2Fb%20c',
    );
  });
});
