import { DocumentFonts } from './fonts';
import { chineseDate, finishToBuffer, newA4Document } from './pdf';
import { BOLD, REGULAR } from './typesetter';
import { drawQr, qrMatrix, verificationUrl } from './qr';

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

/** One A4 portrait certificate as PDF bytes. */
export async function renderCertificate(
  fonts: DocumentFonts,
  data: CertificateData,
  options: CertificateOptions,
): Promise<Buffer> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const url = verificationUrl(options.publicUrl, data.verificationCode);
  const { doc, type } = newA4Document(fonts, {
    title: `荣誉证书 ${data.entryCode}`,
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

  return finishToBuffer(doc);
}
