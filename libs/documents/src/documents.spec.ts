import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import {
  DocumentFontMissingError,
  DocumentFonts,
  NOTO_SANS_CJK_SC,
  ResultListItem,
  groupByTier,
  renderCertificate,
  renderResultList,
  verificationUrl,
} from '@app/documents';

// Honest checks with poppler-utils (installed by .ci/run): the text a reader extracts, the fonts
// the file embeds, and the QR code decoded from the page as a printer would see it.
const fonts = new DocumentFonts();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'documents-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function saved(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string) =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

async function decodeQr(file: string): Promise<string | null> {
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, `${file}-page`]);
  const { data, info } = await sharp(`${file}-page.png`)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

const certificate = {
  entrantName: '广西壮族自治区南宁市青秀区工艺美术研究所',
  title: '壮锦·铜鼓纹样的传承与创新',
  entryCode: 'CRAFT-0427',
  awardName: '金奖',
  eventName: '2026年广西发明创造成果展览交易会',
  date: new Date('2026-03-01T02:00:00.000Z'),
  verificationCode: 'K7QF-3MXD-9TZB',
};

describe('renderCertificate', () => {
  it('is a small A4 PDF with the Chinese text embedded as a font subset and a QR code of the verification URL', async () => {
    const publicUrl = 'https://awards.example.org/';
    const pdf = await renderCertificate(fonts, certificate, { publicUrl });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    // Tens or hundreds of KB, never the 20 MB face.
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.length).toBeLessThan(400_000);

    const file = saved('certificate.pdf', pdf);
    const text = pdftotext(file).replace(/\s+/g, '');
    for (const expected of [
      '荣誉证书',
      certificate.entrantName,
      certificate.title,
      certificate.entryCode,
      '金奖',
      certificate.eventName,
      '2026年3月1日',
      certificate.verificationCode,
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
    const fontList = pdffonts(file);
    // "emb sub uni": embedded, a subset, with a Unicode map (so the text is searchable).
    expect(fontList).toMatch(
      /[A-Z]{6}\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
    );
    expect(fontList).toMatch(
      /[A-Z]{6}\+NotoSansCJKsc-Bold\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
    );
    expect(pdfPages(file)).toBe(1);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+595\.28 x 841\.89 pts \(A4\)/,
    );

    await expect(decodeQr(file)).resolves.toBe('https://awards.example.org/verify/K7QF-3MXD-9TZB');
  });

  it('gives the same bytes for the same certificate (a strong ETag can be its hash)', async () => {
    const a = await renderCertificate(fonts, certificate, { publicUrl: 'http://localhost:3000' });
    const b = await renderCertificate(fonts, certificate, { publicUrl: 'http://localhost:3000' });
    expect(a.equals(b)).toBe(true);
  });
});

describe('verificationUrl', () => {
  it('joins PUBLIC_URL and the code with one slash and escapes the code', () => {
    expect(verificationUrl('http://localhost:3000', 'AB-12')).toBe(
      'http://localhost:3000/verify/AB-12',
    );
    expect(verificationUrl('https://x.org//', 'a/b c')).toBe('https://x.org/verify/a%2Fb%20c');
  });
});

const tiers = {
  gold: { key: 'gold', name: '金奖', rank: 1 },
  silver: { key: 'silver', name: '银奖', rank: 2 },
  bronze: { key: 'bronze', name: '铜奖', rank: 3 },
};
const cities = ['南宁市', '柳州市', '桂林市', '梧州市', '北海市', '防城港市', '钦州市'];

function items(): ResultListItem[] {
  const list: ResultListItem[] = [];
  const plan: [ResultListItem['award'], number][] = [
    [tiers.gold, 12],
    [tiers.silver, 23],
    [tiers.bronze, 27],
    [null, 40],
  ];
  let n = 1;
  for (const [award, count] of plan) {
    for (let i = 0; i < count; i++, n++) {
      list.push({
        entryCode: `INV-${String(n).padStart(4, '0')}`,
        title:
          n % 5 === 0
            ? `一种可折叠的太阳能农用灌溉装置及其远程控制系统（第${n}号）`
            : `节能炉灶改良${n}`,
        entrantName: `${cities[n % cities.length]}创新科技有限公司`,
        regionName: cities[n % cities.length],
        categoryName: n % 2 ? '农业机械' : '民族工艺',
        award,
      });
    }
  }
  return list;
}

describe('renderResultList', () => {
  const hash = 'a3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdefabcd';

  it('prints the event, round, version, hash and every item under its tier, over several A4 pages', async () => {
    const list = items();
    const pdf = await renderResultList(fonts, {
      eventName: '2026年广西发明创造成果展览交易会',
      roundName: '终评',
      version: 2,
      status: 'FINAL',
      hash,
      publishedAt: new Date('2026-03-01T08:00:00.000Z'),
      noticeEndsAt: new Date('2026-03-08T08:00:00.000Z'),
      items: list,
    });
    const file = saved('list.pdf', pdf);
    expect(pdf.length).toBeLessThan(600_000);
    expect(pdfPages(file)).toBeGreaterThan(2);
    const text = pdftotext(file);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('2026年广西发明创造成果展览交易会');
    expect(flat).toContain('终评');
    expect(flat).toContain(hash);
    expect(flat).toContain('Version2');
    for (const item of list) {
      expect(flat).toContain(item.entryCode);
      expect(flat).toContain(item.entrantName);
    }
    // Tier headings in order, highest first, the advanced last, each with its count.
    const positions = ['金奖（12）', '银奖（23）', '铜奖（27）', '晋级Advanced（40）'].map((h) =>
      flat.indexOf(h),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A gold entry is printed before any silver one.
    expect(flat.indexOf('INV-0012')).toBeLessThan(flat.indexOf('INV-0013'));
    expect(pdffonts(file)).toMatch(
      /\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
    );
  });

  it('says so when nothing won', async () => {
    const pdf = await renderResultList(fonts, {
      eventName: '空展',
      roundName: '初评',
      version: 1,
      status: 'NOTICE',
      hash,
      publishedAt: new Date('2026-03-01T08:00:00.000Z'),
      noticeEndsAt: new Date('2026-03-08T08:00:00.000Z'),
      items: [],
    });
    expect(pdftotext(saved('empty.pdf', pdf))).toContain('本轮没有获奖或晋级的作品');
  });

  it('groups tiers by their rank, whatever order the items come in', () => {
    const list = items();
    const shuffled = [list[50], list[0], list[80], list[20]];
    expect(groupByTier(shuffled).map((g) => g.heading)).toEqual([
      '金奖',
      '银奖',
      '铜奖',
      '晋级 Advanced',
    ]);
  });
});

describe('DocumentFonts', () => {
  it('finds the installed Noto Sans CJK faces', () => {
    expect(() => new DocumentFonts().check()).not.toThrow();
  });

  it('names the missing file and what to install', () => {
    const missing = new DocumentFonts({
      ...NOTO_SANS_CJK_SC,
      bold: { file: join(dir, 'nothing-here.ttc'), postscriptName: 'X' },
    });
    expect(() => missing.check()).toThrow(DocumentFontMissingError);
    expect(() => missing.check()).toThrow(/nothing-here\.ttc \(ENOENT\).*fonts-noto-cjk/);
  });

  it('refuses a file that is not a font', () => {
    const notFont = saved('not-a-font.ttc', Buffer.from('hello, world'));
    const fontsOfText = new DocumentFonts({
      ...NOTO_SANS_CJK_SC,
      regular: { file: notFont, postscriptName: 'X' },
    });
    expect(() => fontsOfText.check()).toThrow(/not an OpenType font/);
  });
});
