import { CertificateData, renderCertificate, renderCertificates } from './certificate';
import { DocumentFonts } from './fonts';
import { verificationUrl } from './qr';
import { sharedFaceStats } from './shared-faces';
import { pdfQr, readPdf } from '../../../test/helpers/pdf-reader';

// Issue 22: a publication's certificates drawn one after the other from shared faces (the same
// bytes as before, the work done once), and a revoked award's certificate that says so itself.
const publicUrl = 'https://awards.example.org';
const base: CertificateData = {
  entrantName: '广西壮族自治区南宁市青秀区工艺美术研究所',
  title: '壮锦·铜鼓纹样的传承与创新',
  entryCode: 'CRAFT-0427',
  awardName: '金奖',
  eventName: '2026年广西发明创造成果展览交易会',
  date: new Date('2026-03-01T02:00:00.000Z'),
  verificationCode: 'K7QF-3MXD-9TZB',
};
const flat = (pdf: Buffer) => readPdf(pdf).text.join('').replace(/\s+/g, '');

/** Certificates of a list: names with rare characters (𠮷), an emoji, Latin text. */
function list(count: number): CertificateData[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    entrantName: i % 4 === 0 ? `𠮷野家🎉工艺社 ${i}` : `南宁市第${i}工艺美术厂`,
    title: i % 3 === 0 ? `Brocade No. ${i}: 壮锦·山水` : `铜鼓纹样之${i}`,
    entryCode: `CRAFT-${String(i).padStart(4, '0')}`,
    awardName: ['金奖', '银奖', '铜奖'][i % 3],
    verificationCode: `K7QF-3MXD-${String(i).padStart(4, '0')}`,
  }));
}

describe('certificates from shared faces', () => {
  it('are byte for byte the certificates the plain faces draw, each glyph read once', async () => {
    const plain = new DocumentFonts(undefined, { shared: false });
    const shared = new DocumentFonts();
    const certificates = list(12);
    const drawn: Buffer[] = [];
    for await (const { data, pdf } of renderCertificates(shared, certificates, { publicUrl })) {
      expect(data).toBe(certificates[drawn.length]);
      drawn.push(pdf);
    }
    expect(drawn).toHaveLength(12);
    for (const [i, data] of certificates.entries()) {
      const expected = await renderCertificate(plain, data, { publicUrl });
      expect(drawn[i].equals(expected)).toBe(true);
    }
    // Drawn again: nothing new is read out of the faces.
    const regular = shared.faces().regular[0];
    const before = sharedFaceStats(regular)!.glyphsExtracted;
    for await (const _ of renderCertificates(shared, certificates, { publicUrl })) void _;
    expect(sharedFaceStats(regular)!.glyphsExtracted).toBe(before);
    expect(sharedFaceStats(plain.faces().regular[0])).toBeNull();
  });
});

describe('a revoked certificate', () => {
  const fonts = new DocumentFonts();
  const revokedAt = new Date('2026-12-07T03:00:00Z');

  it('says REVOKED on its face, with the date and the reason, and still leads to the verification page', async () => {
    const reason = '获奖后查实作品为他人代工';
    const pdf = await renderCertificate(
      fonts,
      { ...base, revocation: { revokedAt, reason } },
      { publicUrl },
    );
    const text = flat(pdf);
    for (const expected of ['已撤销', 'REVOKED', '2026年12月7日', `撤销原因Reason:${reason}`]) {
      expect(text).toContain(expected);
    }
    // Everything the valid certificate says is still there, so what was revoked can be read.
    for (const expected of [base.entrantName, base.title, '金奖', base.verificationCode]) {
      expect(text).toContain(expected);
    }
    expect(await pdfQr(pdf)).toBe(verificationUrl(publicUrl, base.verificationCode));

    const valid = flat(await renderCertificate(fonts, base, { publicUrl }));
    expect(valid).not.toContain('已撤销');
    expect(valid).not.toContain('REVOKED');
  });

  it('cuts a long reason short on the banner (the whole text is on the verification page)', async () => {
    const reason = '经查实该作品系抄袭他人已发表作品'.repeat(40);
    const pdf = await renderCertificate(
      fonts,
      { ...base, revocation: { revokedAt, reason } },
      { publicUrl },
    );
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    const text = read.text.join('').replace(/\s+/g, '');
    expect(text).toContain('撤销原因Reason:经查实该作品系抄袭他人已发表作品');
    expect(text).toContain('…');
    expect(text).not.toContain(reason);
  });
});
