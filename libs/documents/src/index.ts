export { DocumentFonts, DocumentFontMissingError, NOTO_SANS_CJK_SC } from './fonts';
export type { DocumentFontFiles, FontFace } from './fonts';
export { renderCertificate } from './certificate';
export type { CertificateData, CertificateOptions } from './certificate';
export { renderResultList, groupByTier } from './result-list';
export type {
  ResultListData,
  ResultListItem,
  ResultListOptions,
  ResultListTier,
} from './result-list';
export { verificationUrl, qrMatrix } from './qr';
export type { QrMatrix } from './qr';
