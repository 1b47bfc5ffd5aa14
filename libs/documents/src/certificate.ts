import { DocumentFonts } from './fonts';
import { BOLD, REGULAR, chineseDate, finishToBuffer, newA4Document } from './pdf';
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
  const doc = newA4Document(fonts, {
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
  doc.fillColor(GOLD).font(BOLD).fontSize(40);
  doc.text('荣誉证书', left, 110, { width: inner, align: 'center', characterSpacing: 8 });
  doc.font(REGULAR).fontSize(13).fillColor(GREY);
  doc.text('CERTIFICATE OF AWARD', left, doc.y + 4, {
    width: inner,
    align: 'center',
    characterSpacing: 3,
  });

  // A long institution name is set smaller rather than broken over two lines.
  let nameSize = 22;
  doc.fillColor(INK).font(BOLD).fontSize(nameSize);
  while (nameSize > 14 && doc.widthOfString(data.entrantName) > inner) doc.fontSize(--nameSize);
  doc.text(data.entrantName, left, 250, { width: inner, align: 'center' });

  doc.font(REGULAR).fontSize(14).fillColor(INK);
  doc.text(`参赛作品《${data.title}》`, left, doc.y + 24, { width: inner, align: 'center' });
  doc.fontSize(11).fillColor(GREY);
  doc.text(`作品编号 Entry code: ${data.entryCode}`, left, doc.y + 6, {
    width: inner,
    align: 'center',
  });
  doc.fontSize(14).fillColor(INK);
  doc.text(`在 ${data.eventName} 中荣获`, left, doc.y + 22, { width: inner, align: 'center' });

  doc.font(BOLD).fontSize(34).fillColor(GOLD);
  doc.text(data.awardName, left, doc.y + 22, {
    width: inner,
    align: 'center',
    characterSpacing: 4,
  });
  doc.font(REGULAR).fontSize(14).fillColor(INK);
  doc.text('特发此证，以资鼓励。', left, doc.y + 22, { width: inner, align: 'center' });

  doc.fontSize(13).fillColor(INK);
  doc.text(data.eventName, left, 600, { width: inner, align: 'right' });
  doc.text(chineseDate(data.date, timeZone), left, doc.y + 6, { width: inner, align: 'right' });

  // Verification: the QR code and the code in letters, for those who type it.
  const qrSize = 110;
  const qrX = left;
  const qrY = height - 80 - qrSize;
  drawQr(doc, qrMatrix(url), qrX, qrY, qrSize);
  const textX = qrX + qrSize + 14;
  doc.font(REGULAR).fontSize(10).fillColor(GREY);
  doc.text('证书验证 Verification', textX, qrY + 18, { width: width - textX - left });
  doc.font(BOLD).fontSize(14).fillColor(INK);
  doc.text(data.verificationCode, textX, doc.y + 4, { width: width - textX - left });
  doc.font(REGULAR).fontSize(9).fillColor(GREY);
  doc.text(url, textX, doc.y + 6, { width: width - textX - left });

  return finishToBuffer(doc);
}
