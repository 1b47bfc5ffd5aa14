export { DocumentFonts, DocumentFontMissingError, NOTO_SANS_SC } from './fonts';
export { BOLD, REGULAR, Typesetter } from './typesetter';
export type { Style, TextOptions } from './typesetter';
export type { DocumentFontFiles, FontFace } from './fonts';
export { sharedFaceStats } from './shared-faces';
export { CERTIFICATE_VERSION, renderCertificate, renderCertificates } from './certificate';
export type { CertificateData, CertificateOptions } from './certificate';
export { RESULT_LIST_VERSION, renderResultList, groupByTier } from './result-list';
export type {
  ResultListData,
  ResultListItem,
  ResultListOptions,
  ResultListTier,
} from './result-list';
export { verificationUrl, qrMatrix } from './qr';
export type { QrMatrix } from './qr';
export { renderLabelSheet, judgeEntryUrl, LABEL_SHEET_VERSION } from './labels';
export type { ExhibitLabel, LabelSheetData, LabelSheetOptions } from './labels';
export { LABEL_LAYOUTS, LABEL_LAYOUT_NAMES, labelCells, qrBox } from './labels-layout';
export type { LabelCell, LabelLayout, LabelLayoutName } from './labels-layout';
