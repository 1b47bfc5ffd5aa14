/**
 * The words for the contract's enums, so no UPPER_SNAKE value reaches the screen. Each enum of
 * apps/api/schema.gql has one label table, `<prefix><VALUE>` in the one table of ../i18n.ts;
 * ENUM_LABEL_PREFIX says which prefix, and labels.spec.ts fails when an enum of the schema, or
 * one of its values, has no zh-CN and English label. Some tables predate this file and live
 * beside the screens that first needed them (entryStatus_ in ./messages.ts, roundStatus_ in
 * ../i18n.ts); the new ones are here, with the hints that explain a setting where a name is
 * not enough (aggregation, tie policy, the assignment seed).
 */
export const ENUM_LABEL_PREFIX = {
  Aggregation: 'aggregation_',
  AgreementModel: 'agreementModel_',
  AssignmentStatus: 'status_',
  CertificateStatus: 'certificateStatus_',
  EntrantType: 'entrantType_',
  EntryStatus: 'entryStatus_',
  EntrySortKey: 'entrySort_',
  EventKind: 'kind_',
  EventStatus: 'eventStatus_',
  ImageStatus: 'imageStatus_',
  ObjectionStatus: 'objection_',
  PublicationStatus: 'publication_',
  QuotaMode: 'quota_',
  RankingScope: 'scope_',
  RenditionSize: 'renditionSize_',
  RevocationCause: 'revocationCause_',
  Role: 'role_',
  RoundStatus: 'roundStatus_',
  ScreeningDecision: 'screeningDecision_',
  TiePolicy: 'tiePolicy_',
  UserAdminAction: 'userAdminAction_',
  PublicationDocumentsStatus: 'publicationDocumentsStatus_',
  WhatIfMethod: 'whatIfMethod_',
} as const;

export type LabelledEnum = keyof typeof ENUM_LABEL_PREFIX;

export const labelsZhCN = {
  aggregation_MEAN: '平均分',
  aggregation_MEDIAN: '中位数',
  aggregation_TRIMMED_MEAN: '去极值平均',
  aggregation_ZSCORE: '标准分（Z 分数）',
  aggregationHint_MEAN: '各评委加权总分的平均值。',
  aggregationHint_MEDIAN: '各评委总分从低到高排列后居中的一份（偶数份时取中间两份的平均）。',
  aggregationHint_TRIMMED_MEAN:
    '去掉最高和最低各若干份总分后再平均（份数可设，默认各 1 份）；评分份数不够时取全部的平均。',
  aggregationHint_ZSCORE:
    '先把每份总分换算成它在该评委全部评分中的标准分，再取平均：抵消评委打分偏松或偏严。',
  tiePolicy_INCLUDE_TIES: '并列者一同获奖',
  tiePolicy_EXCLUDE_TIES: '并列放不下时均不获此奖',
  tiePolicyHint_INCLUDE_TIES:
    '名次并列跨过名额线时，并列的作品都获得该奖项，多出的名额从下一奖项中扣除。',
  tiePolicyHint_EXCLUDE_TIES:
    '并列的作品须全部放得进该奖项的名额才获奖，否则一起落到下一奖项（或不获奖）。',
  agreementModel_ONE_WAY: '单向模型（各作品的评委不尽相同）',
  agreementModel_TWO_WAY: '双向模型（每位评委评了每件作品）',
  whatIfMethod_MEAN: '平均分',
  whatIfMethod_TRIMMED_MEAN: '去极值平均',
  whatIfMethod_MEDIAN: '中位数',
  whatIfMethod_ZSCORE: '标准分（Z 分数）',
  whatIfMethod_JUDGE_BIAS: '校正评委宽严后的分数',
  certificateStatus_VALID: '有效',
  certificateStatus_REVOKED: '已撤销',
  renditionSize_THUMB: '缩略图',
  renditionSize_MEDIUM: '中图',
  renditionSize_LARGE: '大图',
  revocationCause_DISQUALIFIED: '取消参赛资格',
  revocationCause_DECISION: '主办方决定',
  role_ADMIN: '系统管理员',
  role_ORGANISER: '主办方',
  role_COORDINATOR: '地区协调员',
  role_JUDGE: '评委',
  role_ENTRANT: '参展单位',
  screeningDecision_ACCEPT: '通过',
  screeningDecision_REJECT: '不通过',
  userAdminAction_CREATED: '创建账号',
  userAdminAction_DEACTIVATED: '停用账号',
  userAdminAction_REACTIVATED: '恢复账号',
  userAdminAction_PASSWORD_RESET: '重置密码',
  publicationDocumentsStatus_QUEUED: '等待生成',
  publicationDocumentsStatus_RENDERING: '正在生成',
  publicationDocumentsStatus_READY: '已生成',
  publicationDocumentsStatus_FAILED: '生成失败',
  // strings of the API that are keys without being enums of the schema
  cuspAdvancement: '晋级线',
  agreementMethod_ICC1K: 'ICC(1,k)，单向模型',
  agreementMethod_ICC3K: 'ICC(3,k)，双向一致性模型',
  agreementDetail: '{method}，每件 {k} 位评委',
  assignSeed: '分配编号（选填）',
  seedHint:
    '决定同等条件下先分给哪位评委。同一个编号、同样的评审组和作品，总是得到同样的分配；留空即为 0。换一个编号可得到另一种同样均衡的分配。',
  unknownValue: '未知',
  // where a refusal or a failure of the API is shown
  importNotDone: '未导入：{reason}',
  imageFailedHint: '这张照片无法处理，请删除后重新上传',
} as const;

export type LabelKey = keyof typeof labelsZhCN;

export const labelsEn: Record<LabelKey, string> = {
  aggregation_MEAN: 'Mean',
  aggregation_MEDIAN: 'Median',
  aggregation_TRIMMED_MEAN: 'Trimmed mean',
  aggregation_ZSCORE: 'Standard score (z)',
  aggregationHint_MEAN: 'The mean of the judges’ weighted totals.',
  aggregationHint_MEDIAN:
    'The middle total, lowest to highest (with an even number, the mean of the two in the middle).',
  aggregationHint_TRIMMED_MEAN:
    'The mean after dropping the highest and lowest totals (how many is a setting, one each by default); with too few sheets, the mean of all.',
  aggregationHint_ZSCORE:
    'Each total becomes its standard score among that judge’s sheets, then the mean: evens out lenient and strict judges.',
  tiePolicy_INCLUDE_TIES: 'Ties share the award',
  tiePolicy_EXCLUDE_TIES: 'A tie that does not fit misses the award',
  tiePolicyHint_INCLUDE_TIES:
    'Entries tied across the quota line all get the award; the extra places come out of the next tier.',
  tiePolicyHint_EXCLUDE_TIES:
    'A tie gets the award only if all of it fits in the places; otherwise it drops to the next tier (or none).',
  agreementModel_ONE_WAY: 'One-way model (entries met different judges)',
  agreementModel_TWO_WAY: 'Two-way model (every judge scored every entry)',
  whatIfMethod_MEAN: 'Mean',
  whatIfMethod_TRIMMED_MEAN: 'Trimmed mean',
  whatIfMethod_MEDIAN: 'Median',
  whatIfMethod_ZSCORE: 'Standard score (z)',
  whatIfMethod_JUDGE_BIAS: 'Corrected for judge leniency',
  certificateStatus_VALID: 'Valid',
  certificateStatus_REVOKED: 'Revoked',
  renditionSize_THUMB: 'Thumbnail',
  renditionSize_MEDIUM: 'Medium',
  renditionSize_LARGE: 'Large',
  revocationCause_DISQUALIFIED: 'Disqualified',
  revocationCause_DECISION: 'Organisers’ decision',
  role_ADMIN: 'Administrator',
  role_ORGANISER: 'Organiser',
  role_COORDINATOR: 'Regional coordinator',
  role_JUDGE: 'Judge',
  role_ENTRANT: 'Entrant',
  screeningDecision_ACCEPT: 'Accept',
  screeningDecision_REJECT: 'Reject',
  userAdminAction_CREATED: 'Account created',
  userAdminAction_DEACTIVATED: 'Account deactivated',
  userAdminAction_REACTIVATED: 'Account reactivated',
  userAdminAction_PASSWORD_RESET: 'Password reset',
  publicationDocumentsStatus_QUEUED: 'Waiting to be drawn',
  publicationDocumentsStatus_RENDERING: 'Being drawn',
  publicationDocumentsStatus_READY: 'Ready',
  publicationDocumentsStatus_FAILED: 'Failed',
  cuspAdvancement: 'advancement line',
  agreementMethod_ICC1K: 'ICC(1,k), one-way model',
  agreementMethod_ICC3K: 'ICC(3,k), two-way consistency model',
  agreementDetail: '{method}, {k} judges an entry',
  assignSeed: 'Assignment number (optional)',
  seedHint:
    'Decides which judge comes first when all else is equal. The same number with the same panels and entries always gives the same assignment; empty means 0. Another number gives another, equally balanced assignment.',
  unknownValue: 'Unknown',
  importNotDone: 'Nothing imported: {reason}',
  imageFailedHint: 'This photo could not be processed; delete it and upload it again',
};
