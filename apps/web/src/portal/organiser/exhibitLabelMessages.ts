/**
 * The words of the organiser's exhibit labels (展签, issue 20), zh-CN first; spread into the one
 * table of ../../i18n.ts. Refusals are said by ../refusal.ts from the reasons' table.
 */
export const exhibitLabelsZhCN = {
  exhibitLabels: '展签',
  exhibitLabelsHelp:
    '为已通过审核、已有展品编号的作品打印展签：每张有展品编号、作品名称、类别和评审二维码（评委扫码即打开评分页），A4 纸排版，带裁切线。',
  exhibitLabelsCategory: '类别',
  exhibitLabelsAllCategories: '全部类别',
  exhibitLabelsLayout: '版式',
  exhibitLabelsLayout_2x4: '每页 8 张（2×4，95×69 毫米）',
  exhibitLabelsLayout_3x7: '每页 21 张（3×7，63×40 毫米）',
  printExhibitLabels: '打印展签',
  exhibitLabelsProgress: '生成进度',
  exhibitLabelsQueued: '正在排队，马上开始生成…',
  exhibitLabelsRunning: '正在生成：{done} / {total} 张',
  exhibitLabelsReady: '展签已生成：共 {total} 张',
  exhibitLabelsFailed: '展签没有生成成功，请再点一次“打印展签”',
  downloadExhibitLabels: '下载展签 PDF',
} as const;

export type ExhibitLabelsMessageKey = keyof typeof exhibitLabelsZhCN;

export const exhibitLabelsEn: Record<ExhibitLabelsMessageKey, string> = {
  exhibitLabels: 'Exhibit labels',
  exhibitLabelsHelp:
    'Labels for the accepted entries that have an exhibit code: the code, the title, the category and the judging QR code (a judge scans it to open the score sheet), on A4 with cut marks.',
  exhibitLabelsCategory: 'Category',
  exhibitLabelsAllCategories: 'All categories',
  exhibitLabelsLayout: 'Layout',
  exhibitLabelsLayout_2x4: '8 a page (2×4, 95 × 69 mm)',
  exhibitLabelsLayout_3x7: '21 a page (3×7, 63 × 40 mm)',
  printExhibitLabels: 'Print exhibit labels',
  exhibitLabelsProgress: 'Progress',
  exhibitLabelsQueued: 'Waiting its turn; it starts in a moment…',
  exhibitLabelsRunning: 'Making the labels: {done} of {total}',
  exhibitLabelsReady: 'The labels are ready: {total} in all',
  exhibitLabelsFailed: 'The labels could not be made; press “Print exhibit labels” again',
  downloadExhibitLabels: 'Download the labels (PDF)',
};
