import { DocumentFonts } from './fonts';
import { chineseDate, finishToBuffer, newA4Document } from './pdf';
import { BOLD, REGULAR, Typesetter } from './typesetter';
import { drawQr, qrMatrix, verificationUrl } from './qr';

/**
 * Bump when what a certificate looks like changes: a stored certificate is served only while
 * its content and this version are what it was drawn from (the caller hashes both).
 */
export const CERTIFICATE_VERSION = 2;

/** Everything printed on one award certificate; the caller has read it from a FINAL publication. */
export interface CertificateData {
  entrantName: string;
  title: string;
  entryCode: string;
  /** The tier's name as the round defines it (金奖, Gold …). */
  awardName: string;
  eventName: string;
  /** The date printed on the certificate (when the publication became final). */
  date: Date;
  verificationCode: string;
  /**
   * Set when the award was revoked after publication: the certificate is drawn marked REVOKED
   * (a banner with the date and reason, and 已撤销 REVOKED across the page), so a copy that
   * circulates says so itself, not only the verification page.
   */
  revocation?: { revokedAt: Date; reason: string } | null;
}

export interface CertificateOptions {
  /** PUBLIC_URL: the QR code holds `{publicUrl}/verify/{code}`. */
  publicUrl: string;
  /** The time zone the printed date is read in; the exhibitions this serves are in China. */
  timeZone?: string;
}

const GOLD = '#9a7b2f';
const INK = '#222222';
const GREY = '#666666';
const RED = '#b42318';
const PALE_RED = '#fdecea';

/** One A4 portrait certificate as PDF bytes. */
export async function renderCertificate(
  fonts: DocumentFonts,
  data: CertificateData,
  options: CertificateOptions,
): Promise<Buffer> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const url = verificationUrl(options.publicUrl, data.verificationCode);
  const { doc, type } = newA4Document(fonts, {
    title: data.revocation
      ? `荣誉证书（已撤销 REVOKED）${data.entryCode}`
      : `荣誉证书 ${data.entryCode}`,
    createdAt: data.date,
    margin: 0,
  });
  const { width, height } = doc.page;

  // A double frame.
  doc
    .lineWidth(3)
    .strokeColor(GOLD)
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(38, 38, width - 76, height - 76)
    .stroke();

  const left = 80;
  const inner = width - 2 * left;
  const centred = (y: number) => ({ x: left, y, width: inner, align: 'center' as const });
  doc.fillColor(GOLD).fontSize(40);
  type.text(BOLD, '荣誉证书', { ...centred(110), characterSpacing: 8 });
  doc.fontSize(13).fillColor(GREY);
  type.text(REGULAR, 'CERTIFICATE OF AWARD', { ...centred(doc.y + 4), characterSpacing: 3 });

  // A long institution name is set smaller rather than broken over two lines.
  let nameSize = 22;
  doc.fillColor(INK).fontSize(nameSize);
  while (nameSize > 14 && type.width(BOLD, data.entrantName) > inner) doc.fontSize(--nameSize);
  type.text(BOLD, data.entrantName, centred(250));

  doc.fontSize(14).fillColor(INK);
  type.text(REGULAR, `参赛作品《${data.title}》`, centred(doc.y + 24));
  doc.fontSize(11).fillColor(GREY);
  type.text(REGULAR, `作品编号 Entry code: ${data.entryCode}`, centred(doc.y + 6));
  doc.fontSize(14).fillColor(INK);
  type.text(REGULAR, `在 ${data.eventName} 中荣获`, centred(doc.y + 22));

  doc.fontSize(34).fillColor(GOLD);
  type.text(BOLD, data.awardName, { ...centred(doc.y + 22), characterSpacing: 4 });
  doc.fontSize(14).fillColor(INK);
  type.text(REGULAR, '特发此证，以资鼓励。', centred(doc.y + 22));

  doc.fontSize(13).fillColor(INK);
  type.text(REGULAR, data.eventName, { x: left, y: 600, width: inner, align: 'right' });
  type.text(REGULAR, chineseDate(data.date, timeZone), {
    x: left,
    y: doc.y + 6,
    width: inner,
    align: 'right',
  });

  // Verification: the QR code and the code in letters, for those who type it.
  const qrSize = 110;
  const qrX = left;
  const qrY = height - 80 - qrSize;
  drawQr(doc, qrMatrix(url), qrX, qrY, qrSize);
  const textX = qrX + qrSize + 14;
  const textWidth = width - textX - left;
  doc.fontSize(10).fillColor(GREY);
  type.text(REGULAR, '证书验证 Verification', { x: textX, y: qrY + 18, width: textWidth });
  doc.fontSize(14).fillColor(INK);
  type.text(BOLD, data.verificationCode, { x: textX, y: doc.y + 4, width: textWidth });
  doc.fontSize(9).fillColor(GREY);
  type.text(REGULAR, url, { x: textX, y: doc.y + 6, width: textWidth });

  if (data.revocation) markRevoked(doc, type, data.revocation, timeZone);
  return finishToBuffer(doc);
}

/**
 * Every certificate of a list, one after the other, as they are drawn: the faces (and what they
 * keep of each string and glyph, see shared-faces.ts) serve them all, so the list's common text
 * is shaped and its glyphs are read once. One certificate in memory at a time.
 */
export async function* renderCertificates(
  fonts: DocumentFonts,
  list: Iterable<CertificateData>,
  options: CertificateOptions,
): AsyncGenerator<{ data: CertificateData; pdf: Buffer }> {
  for (const data of list) yield { data, pdf: await renderCertificate(fonts, data, options) };
}

/** The longest reason the banner prints (the full text is on the verification page). */
const BANNER_REASON_LINES = 2;

/**
 * A revoked award's marks, drawn over the certificate: a red banner at the top with the date and
 * the reason, and 已撤销 REVOKED across the page, translucent so the rest stays legible but no
 * copy of the page can be read without it.
 */
function markRevoked(
  doc: PDFKit.PDFDocument,
  type: Typesetter,
  revocation: { revokedAt: Date; reason: string },
  timeZone: string,
): void {
  const { width, height } = doc.page;
  const left = 52;
  const inner = width - 2 * left;
  const top = 46;
  const date = chineseDate(revocation.revokedAt, timeZone);
  const headline = `已撤销 REVOKED · ${date}`;
  doc.fontSize(9);
  const reason = fitted(type, `撤销原因 Reason: ${revocation.reason}`, inner - 16);
  const reasonHeight = type.height(REGULAR, reason, { width: inner - 16 });
  doc.fontSize(13);
  const headlineHeight = type.height(BOLD, headline, { width: inner - 16 });
  doc
    .save()
    .lineWidth(1.2)
    .fillColor(PALE_RED)
    .strokeColor(RED)
    .rect(left, top, inner, headlineHeight + reasonHeight + 14)
    .fillAndStroke()
    .restore();
  doc.fillColor(RED).fontSize(13);
  type.text(BOLD, headline, { x: left + 8, y: top + 5, width: inner - 16, align: 'center' });
  doc.fontSize(9);
  type.text(REGULAR, reason, { x: left + 8, y: doc.y + 2, width: inner - 16, align: 'center' });

  doc.save();
  doc.rotate(-32, { origin: [width / 2, height / 2] });
  doc.fillColor(RED).fillOpacity(0.2).fontSize(110);
  type.text(BOLD, '已撤销', { x: 0, y: height / 2 - 120, width, align: 'center' });
  doc.fontSize(64);
  type.text(BOLD, 'REVOKED', { x: 0, y: height / 2 + 10, width, align: 'center' });
  doc.restore();
}

/** The text, cut short with … so that it takes at most BANNER_REASON_LINES lines at the current size. */
function fitted(type: Typesetter, text: string, width: number): string {
  const chars = [...text];
  const oneLine = type.height(REGULAR, 'x', { width });
  const fits = (candidate: string) =>
    type.height(REGULAR, candidate, { width }) <= oneLine * BANNER_REASON_LINES + 0.01;
  if (fits(text)) return text;
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(`${chars.slice(0, middle).join('')}…`)) low = middle;
    else high = middle - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}
