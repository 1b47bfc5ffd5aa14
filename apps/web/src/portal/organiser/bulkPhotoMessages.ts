/**
 * The words of the bulk photo upload and of the photo queue (issue 22), zh-CN first; spread into
 * the one table of ../../i18n.ts. A refused file's reason is said by ../refusal.ts from the
 * reasons' table.
 */
export const bulkPhotosZhCN = {
  bulkPhotos: '批量上传照片',
  bulkPhotosHelp:
    '把照片按展品编号（如 TC-01-4821.jpg、TC-01-4821-2.jpg）或作品名称命名，可选择多张照片、ZIP 压缩包或整个文件夹。上传后先核对每张照片对应哪件作品，确认后才添加。',
  bulkPhotosRegionHelp: '只对应本地区的作品；须在征集期内，且作品为草稿或已提交。',
  bulkChooseFiles: '选择照片或 ZIP',
  bulkChooseFolder: '选择文件夹',
  bulkChosen: '已选择 {n} 个文件，共 {mb} MB',
  bulkUpload: '上传并核对',
  bulkUploading: '正在上传：已发送 {done} / {total} 个文件',
  bulkResume: '继续上传',
  bulkConnectionLost: '网络中断。已上传的照片都已保存，点“继续上传”只补传剩下的。',
  bulkContinuing: '这是您 {at} 开始的一批（{n} 个文件），可以继续上传或确认。',
  bulkStartOver: '放弃这一批',
  bulkConfirmDiscard: '放弃这一批？已上传但还没有添加的照片将被删除。',
  bulkCheck: '核对结果',
  bulkSummary:
    '将添加 {matched} 张；名额已满 {noRoom} 张；作品已有 {already} 张；需选择作品 {ambiguous} 张；未对应 {unmatched} 张；被拒绝 {refused} 张',
  bulkAddedSummary: '已添加 {added} 张；未添加 {notAdded} 张',
  bulkCommit: '确认添加 {n} 张照片',
  bulkRefresh: '刷新',
  bulkNothingYet: '还没有上传文件',
  bulkState_MATCHED: '将添加',
  bulkState_NO_ROOM: '名额已满',
  bulkState_ALREADY_THERE: '作品已有此照片',
  bulkState_AMBIGUOUS: '需选择作品',
  bulkState_UNMATCHED: '未对应',
  bulkState_REFUSED: '被拒绝',
  bulkState_ADDED: '已添加',
  bulkState_NOT_ADDED: '未添加',
  bulkMatchedBy_CODE: '按展品编号',
  bulkMatchedBy_TITLE: '按作品名称',
  bulkMatchedBy_FOLDER: '按文件夹名',
  bulkMatchedBy_CHOSEN: '人工选择',
  bulkColFile: '文件',
  bulkColEntry: '作品',
  bulkColState: '结果',
  bulkColNote: '说明',
  bulkPosition: '第 {n} 张',
  bulkChooseEntry: '选择对应的作品',
  bulkUnpackedTooLarge: '压缩包中的这个文件解压后大得不正常，未处理',
  bulkQueueLine: '本活动还有 {n} 张照片等待生成预览图，预计{eta}完成',
  bulkOpenRegion: '批量上传本地区作品的照片',
  photoQueue: '照片处理进度',
  photoQueueHelp: '各活动等待生成预览图的照片，以及按最近 10 分钟的处理速度估算的完成时间。',
  photoQueueRate: '当前速度：每分钟 {n} 张',
  photoQueueNoRate: '最近 10 分钟没有处理完的照片，暂时无法估算',
  photoQueueEmpty: '没有等待处理的照片',
  photoQueueWaiting: '等待中',
  photoQueueProcessing: '处理中',
  photoQueueFailed: '最近失败',
  photoQueueEta: '预计完成',
  etaDone: '已完成',
  etaUnknown: '估算中',
  etaUnderMinute: '不到 1 分钟',
  etaMinutes: '约 {n} 分钟',
  etaHours: '约 {h} 小时 {m} 分钟',
} as const;

export type BulkPhotosMessageKey = keyof typeof bulkPhotosZhCN;

export const bulkPhotosEn: Record<BulkPhotosMessageKey, string> = {
  bulkPhotos: 'Photos in bulk',
  bulkPhotosHelp:
    'Name the photos by exhibit code (TC-01-4821.jpg, TC-01-4821-2.jpg) or by entry title, then choose photos, ZIP files or a whole folder. Each photo is matched to its entry first; nothing is added before you confirm.',
  bulkPhotosRegionHelp:
    'Only your region’s entries are matched; photos are added during the submission window, to drafts and submitted entries.',
  bulkChooseFiles: 'Choose photos or ZIPs',
  bulkChooseFolder: 'Choose a folder',
  bulkChosen: '{n} files chosen, {mb} MB',
  bulkUpload: 'Upload and check',
  bulkUploading: 'Uploading: {done} of {total} files sent',
  bulkResume: 'Resume the upload',
  bulkConnectionLost:
    'The connection dropped. Every photo that arrived is kept; “Resume the upload” sends only the rest.',
  bulkContinuing: 'Your batch started {at} ({n} files): send more, or confirm.',
  bulkStartOver: 'Discard this batch',
  bulkConfirmDiscard: 'Discard this batch? Photos uploaded but not added are deleted.',
  bulkCheck: 'The check',
  bulkSummary:
    '{matched} to add; {noRoom} over the entry’s limit; {already} the entry has; {ambiguous} to choose an entry for; {unmatched} unmatched; {refused} refused',
  bulkAddedSummary: '{added} added; {notAdded} not added',
  bulkCommit: 'Add {n} photos',
  bulkRefresh: 'Refresh',
  bulkNothingYet: 'No file uploaded yet',
  bulkState_MATCHED: 'To add',
  bulkState_NO_ROOM: 'Entry full',
  bulkState_ALREADY_THERE: 'Entry has it',
  bulkState_AMBIGUOUS: 'Choose the entry',
  bulkState_UNMATCHED: 'Unmatched',
  bulkState_REFUSED: 'Refused',
  bulkState_ADDED: 'Added',
  bulkState_NOT_ADDED: 'Not added',
  bulkMatchedBy_CODE: 'by exhibit code',
  bulkMatchedBy_TITLE: 'by title',
  bulkMatchedBy_FOLDER: 'by folder name',
  bulkMatchedBy_CHOSEN: 'chosen',
  bulkColFile: 'File',
  bulkColEntry: 'Entry',
  bulkColState: 'Result',
  bulkColNote: 'Note',
  bulkPosition: 'photo {n}',
  bulkChooseEntry: 'Choose its entry',
  bulkUnpackedTooLarge: 'This file in the ZIP unpacks far larger than a photo can: not read',
  bulkQueueLine: '{n} photos of this event wait for their previews; done in {eta}',
  bulkOpenRegion: 'Upload your region’s photos in bulk',
  photoQueue: 'Photo processing',
  photoQueueHelp:
    'Photos waiting for their previews, per event, and when they should be done at the rate of the last 10 minutes.',
  photoQueueRate: 'Now: {n} photos a minute',
  photoQueueNoRate: 'No photo finished in the last 10 minutes: no estimate yet',
  photoQueueEmpty: 'No photo is waiting',
  photoQueueWaiting: 'Waiting',
  photoQueueProcessing: 'Processing',
  photoQueueFailed: 'Failed lately',
  photoQueueEta: 'Done in',
  etaDone: 'done',
  etaUnknown: 'estimating',
  etaUnderMinute: 'under a minute',
  etaMinutes: 'about {n} min',
  etaHours: 'about {h} h {m} min',
};

/** Seconds to finish, as words. */
export function etaKey(seconds: number | null): [BulkPhotosMessageKey, Record<string, number>] {
  if (seconds === null) return ['etaUnknown', {}];
  if (seconds === 0) return ['etaDone', {}];
  if (seconds < 60) return ['etaUnderMinute', {}];
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return ['etaMinutes', { n: minutes }];
  return ['etaHours', { h: Math.floor(minutes / 60), m: minutes % 60 }];
}
