/**
 * The words of the entrants' screens on a phone (issue 21: the photos' order and cover, deleting
 * a draft) and of the coordinator's export, zh-CN first. Part of the one table of ../../i18n.ts
 * (spread into it), in a block of their own.
 */
export const entrantZhCN = {
  entryCover: '封面',
  entryNoCover: '还没有照片',
  entryCodePending: '编号待定',
  photoOrderHint: '第一张照片是作品的封面。用“上移”“下移”调整顺序，调整后立即保存。',
  movePhotoUp: '上移',
  movePhotoDown: '下移',
  movePhotoUpOf: '把第 {n} 张照片上移',
  movePhotoDownOf: '把第 {n} 张照片下移',
  photoMoved: '已保存：这张照片现在是第 {n} 张',
  photoMovedToCover: '已保存：这张照片现在是封面',
  deleteDraft: '删除草稿',
  deleteDraftHint: '草稿还没有提交，可以删除；删除后作品和照片都无法恢复。',
  confirmDeleteDraft: '确定删除草稿“{title}”吗？作品和它的 {n} 张照片将被永久删除，无法恢复。',
  regionExport: '下载本地区作品表（Excel）',
  regionExportHint:
    '{region}的全部作品，每件一行：编号、名称、参赛者、类别、状态、照片数和提交时间。',
  regionExporting: '正在生成表格…',
  passwordRuleHint: '{min} 到 {max} 个字符',
};

export const entrantEn: Record<keyof typeof entrantZhCN, string> = {
  entryCover: 'Cover',
  entryNoCover: 'No photo yet',
  entryCodePending: 'No code yet',
  photoOrderHint:
    'The first photo is the entry’s cover. Use “Move up” and “Move down” to change the order; it is saved at once.',
  movePhotoUp: 'Move up',
  movePhotoDown: 'Move down',
  movePhotoUpOf: 'Move photo {n} up',
  movePhotoDownOf: 'Move photo {n} down',
  photoMoved: 'Saved: this photo is now number {n}',
  photoMovedToCover: 'Saved: this photo is now the cover',
  deleteDraft: 'Delete draft',
  deleteDraftHint:
    'A draft has not been submitted and may be deleted; the entry and its photos cannot be recovered.',
  confirmDeleteDraft:
    'Delete the draft “{title}”? The entry and its {n} photos will be deleted for good.',
  regionExport: 'Download the region’s entries (Excel)',
  regionExportHint:
    'Every entry of {region}, one a row: code, title, entrant, category, status, photos and when submitted.',
  regionExporting: 'Preparing the spreadsheet…',
  passwordRuleHint: '{min} to {max} characters',
};
