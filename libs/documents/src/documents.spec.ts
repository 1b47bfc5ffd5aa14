import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DocumentFontMissingError,
  DocumentFonts,
  NOTO_SANS_SC,
  ResultListItem,
  groupByTier,
  renderCertificate,
  renderResultList,
  verificationUrl,
} from '@app/documents';
import { pdfQr, readPdf } from '../../../test/helpers/pdf-reader';

// Honest checks, read back with pdf.js: the text a reader extracts, the fonts the file embeds,
// and the QR code decoded from the page drawn as a printer would.
const fonts = new DocumentFonts();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'documents-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function saved(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
const flatText = (pdf: Buffer) => readPdf(pdf).text.join('').replace(/\s+/g, '');
/** Embedded subsets (six capitals and +) of the named face. */
const subsetOf = (pdf: Buffer, face: string) =>
  readPdf(pdf).fonts.filter((f) => f.embedded && new RegExp(`^[A-Z]{6}\\+${face}$`).test(f.name));

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

    const read = readPdf(pdf);
    const text = read.text.join('').replace(/\s+/g, '');
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
    // Embedded subsets only (the text above was read through their Unicode maps); the fallback
    // faces are not embedded when nothing needs them.
    expect(read.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    expect(subsetOf(pdf, 'NotoSansSC-Regular')).toHaveLength(1);
    expect(subsetOf(pdf, 'NotoSansSC-Bold')).toHaveLength(1);
    expect(read.pages).toBe(1);
    expect(read.pageSize).toEqual([595.28, 841.89]); // A4 in points

    await expect(pdfQr(pdf)).resolves.toBe('https://awards.example.org/verify/K7QF-3MXD-9TZB');
  });

  it('gives the same bytes for the same certificate (a strong ETag can be its hash)', async () => {
    const a = await renderCertificate(fonts, certificate, { publicUrl: 'http://localhost:3000' });
    const b = await renderCertificate(fonts, certificate, { publicUrl: 'http://localhost:3000' });
    expect(a.equals(b)).toBe(true);
  });
});

describe('characters the Chinese face lacks', () => {
  // 𠮷 (U+20BB7, a variant of 吉 found in family names) is outside Noto Sans SC; 🏅 is an emoji.
  const rare = {
    ...certificate,
    entrantName: '𠮷野家手工艺合作社',
    title: '𠮷祥如意 🏅 壮锦挂毯',
  };

  it('draws them in the fallback faces, so the certificate reads back whole', async () => {
    const pdf = await renderCertificate(fonts, rare, { publicUrl: 'http://localhost:3000' });
    const read = readPdf(pdf);
    const text = read.text.join('').replace(/\s+/g, '');
    expect(text).toContain('𠮷野家手工艺合作社');
    expect(text).toContain('参赛作品《𠮷祥如意🏅壮锦挂毯》');
    expect(text).toContain('特发此证，以资鼓励。');
    expect(subsetOf(pdf, 'NotoSansJP-Bold')).toHaveLength(1); // the name is bold
    expect(subsetOf(pdf, 'NotoSansJP-Regular')).toHaveLength(1);
    expect(subsetOf(pdf, 'NotoEmoji-Regular')).toHaveLength(1);
    await expect(pdfQr(pdf)).resolves.toBe('http://localhost:3000/verify/K7QF-3MXD-9TZB');
  });

  it('leaves out a character no face has instead of drawing a box', async () => {
    // U+0378 is unassigned: no font draws it.
    const pdf = await renderCertificate(
      fonts,
      { ...certificate, title: '陶\u0378瓷 🏅' },
      { publicUrl: 'http://localhost:3000' },
    );
    const text = flatText(pdf);
    expect(text).toContain('参赛作品《陶瓷🏅》');
    expect(text).not.toContain('\u0378');
  });

  it('wraps a long title with them inside a table cell of the result list', async () => {
    const list = items().slice(0, 3);
    list[0] = {
      ...list[0],
      title: '𠮷'.repeat(3) + '一种可折叠的太阳能农用灌溉装置🌞及其远程控制系统',
    };
    const pdf = await renderResultList(fonts, {
      eventName: '𠮷林工艺展',
      roundName: '初评',
      version: 1,
      status: 'NOTICE',
      hash: 'ab'.repeat(32),
      publishedAt: new Date('2026-03-01T08:00:00.000Z'),
      noticeEndsAt: new Date('2026-03-08T08:00:00.000Z'),
      items: list,
    });
    const text = flatText(pdf);
    expect(text).toContain('𠮷林工艺展');
    expect(text).toContain('𠮷𠮷𠮷一种可折叠的太阳能农用灌溉装置🌞及其远程控制系统');
    expect(text).toContain(list[1].entrantName);
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
    expect(pdf.length).toBeLessThan(600_000);
    const read = readPdf(pdf);
    expect(read.pages).toBeGreaterThan(2);
    const flat = read.text.join('').replace(/\s+/g, '');
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
    expect(subsetOf(pdf, 'NotoSansSC-Regular')).toHaveLength(1);
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
    expect(flatText(pdf)).toContain('本轮没有获奖或晋级的作品');
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
  it('finds its faces in the npm packages, not in the operating system', () => {
    expect(() => new DocumentFonts().check()).not.toThrow();
    for (const face of [...NOTO_SANS_SC.regular, ...NOTO_SANS_SC.bold]) {
      expect(face.file).toContain(`${join('node_modules', '@expo-google-fonts')}`);
    }
  });

  it('names the missing file and what to do', () => {
    const missing = new DocumentFonts({
      ...NOTO_SANS_SC,
      bold: [{ file: join(dir, 'nothing-here.ttf') }],
    });
    expect(() => missing.check()).toThrow(DocumentFontMissingError);
    expect(() => missing.check()).toThrow(/nothing-here\.ttf \(ENOENT\).*npm ci/);
  });

  it('refuses a file that is not a font', () => {
    const notFont = saved('not-a-font.ttf', Buffer.from('hello, world'));
    const fontsOfText = new DocumentFonts({ ...NOTO_SANS_SC, regular: [{ file: notFont }] });
    expect(() => fontsOfText.check()).toThrow(/not an OpenType font/);
  });
});
