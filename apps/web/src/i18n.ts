import { createContext, useContext } from 'react';

/**
 * Every string the judge sees. zh-CN is the first language; English is switchable. Placeholders
 * are written {name} and filled by t().
 */
const zhCN = {
  appTitle: '评审平板',
  language: '语言',
  switchLanguage: 'English',
  signIn: '登录',
  signOut: '退出登录',
  email: '邮箱',
  password: '密码',
  signingIn: '正在登录…',
  wrongCredentials: '邮箱或密码不正确',
  notAJudge: '此应用供评委使用；请用评委账号登录',
  networkDown: '无法连接服务器',
  errorGeneric: '出错了：{message}',
  myRounds: '我的评审轮次',
  noRounds: '暂无需要评审的轮次',
  roundStatus_OPEN: '评审中',
  roundStatus_CLOSED: '已关闭',
  roundStatus_TABULATED: '已计分',
  roundStatus_DRAFT: '草稿',
  blindRound: '盲评',
  progress: '已提交 {done} / {total}',
  progressLabel: '进度',
  assignments: '待评作品',
  back: '返回',
  loading: '加载中…',
  offlineCached: '离线：显示上次加载的数据',
  status_PENDING: '待评',
  status_SUBMITTED: '已提交',
  status_RECUSED: '已回避',
  local_waiting: '待发送',
  local_conflict: '有冲突',
  local_rejected: '被拒绝',
  openSheet: '评分',
  entryNotAssigned: '未找到分配给您的作品 {code}',
  photos: '作品照片',
  photoOf: '第 {n} 张，共 {total} 张',
  noPhotos: '暂无照片',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomReset: '还原',
  previousPhoto: '上一张',
  nextPhoto: '下一张',
  details: '作品信息',
  code: '展品编号',
  title: '名称',
  category: '类别',
  entrant: '参展单位',
  creators: '创作者',
  materials: '材料',
  techniques: '工艺',
  dimensions: '尺寸',
  itemCount: '件数',
  yearCreated: '创作年份',
  description: '说明',
  blindHidden: '盲评：不显示参展单位和创作者',
  scoring: '评分',
  criterionRange: '满分 {max}，步长 {step}，权重 {weight}',
  decrease: '减少 {name}',
  increase: '增加 {name}',
  scoreOf: '{name} 的分数',
  notScored: '未评',
  total: '总分',
  totalIncomplete: '请为每一项评分',
  comment: '评语',
  submit: '提交评分',
  submitChange: '提交修改（第 {version} 版之上）',
  savedLocally: '已保存在本机，正在发送…',
  savedWaiting: '已保存在本机，联网后自动发送',
  sent: '已提交（第 {version} 版）',
  nextEntry: '下一件作品',
  allDone: '本轮作品已全部评完',
  waitingToSend: '{n} 条待发送',
  allSent: '全部已发送',
  offline: '离线',
  online: '在线',
  sendNow: '立即发送',
  problems: '需要处理的评分',
  conflictTitle: '{code} 的评分未能保存',
  reason_VERSION_MISMATCH: '这份评分已在另一台设备上修改过',
  reason_ROUND_NOT_OPEN: '本轮评审已关闭',
  reason_ASSIGNMENT_RECUSED: '您已回避这件作品',
  reason_IDEMPOTENCY_KEY_REUSED: '提交编号重复',
  reason_OTHER: '服务器拒绝了这份评分（{reason}）',
  yourVersion: '您的版本（本机）',
  serverVersion: '服务器上的版本（第 {version} 版，{at}）',
  noServerVersion: '服务器上没有这份评分',
  keepMine: '用我的版本覆盖',
  useServer: '采用服务器版本',
  keepForRecord: '已知晓，从本机移除',
  savedAt: '保存于 {at}',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  appTitle: 'Judging tablet',
  language: 'Language',
  switchLanguage: '中文',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signingIn: 'Signing in…',
  wrongCredentials: 'Wrong email or password',
  notAJudge: 'This app is for judges; sign in with a judge account',
  networkDown: 'The server cannot be reached',
  errorGeneric: 'Something went wrong: {message}',
  myRounds: 'My judging rounds',
  noRounds: 'No rounds to judge yet',
  roundStatus_OPEN: 'Open',
  roundStatus_CLOSED: 'Closed',
  roundStatus_TABULATED: 'Tabulated',
  roundStatus_DRAFT: 'Draft',
  blindRound: 'Blind',
  progress: '{done} of {total} submitted',
  progressLabel: 'Progress',
  assignments: 'Entries to judge',
  back: 'Back',
  loading: 'Loading…',
  offlineCached: 'Offline: showing what was last loaded',
  status_PENDING: 'To score',
  status_SUBMITTED: 'Submitted',
  status_RECUSED: 'Recused',
  local_waiting: 'Waiting to send',
  local_conflict: 'Conflict',
  local_rejected: 'Refused',
  openSheet: 'Score',
  entryNotAssigned: 'No entry {code} is assigned to you',
  photos: 'Photos',
  photoOf: 'Photo {n} of {total}',
  noPhotos: 'No photos yet',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomReset: 'Reset zoom',
  previousPhoto: 'Previous photo',
  nextPhoto: 'Next photo',
  details: 'Details',
  code: 'Exhibit code',
  title: 'Title',
  category: 'Category',
  entrant: 'Entrant',
  creators: 'Creators',
  materials: 'Materials',
  techniques: 'Techniques',
  dimensions: 'Dimensions',
  itemCount: 'Items',
  yearCreated: 'Year',
  description: 'Description',
  blindHidden: 'Blind round: entrant and creators are hidden',
  scoring: 'Scores',
  criterionRange: 'out of {max}, step {step}, weight {weight}',
  decrease: 'Decrease {name}',
  increase: 'Increase {name}',
  scoreOf: 'Score for {name}',
  notScored: 'not scored',
  total: 'Total',
  totalIncomplete: 'Score every criterion',
  comment: 'Comment',
  submit: 'Submit scores',
  submitChange: 'Submit change (on version {version})',
  savedLocally: 'Saved on this tablet, sending…',
  savedWaiting: 'Saved on this tablet; it will be sent when the network returns',
  sent: 'Submitted (version {version})',
  nextEntry: 'Next entry',
  allDone: 'Every entry of this round is scored',
  waitingToSend: '{n} waiting to send',
  allSent: 'All sent',
  offline: 'Offline',
  online: 'Online',
  sendNow: 'Send now',
  problems: 'Sheets that need you',
  conflictTitle: 'The sheet for {code} was not saved',
  reason_VERSION_MISMATCH: 'This sheet was changed on another device',
  reason_ROUND_NOT_OPEN: 'The round is closed',
  reason_ASSIGNMENT_RECUSED: 'You are recused from this entry',
  reason_IDEMPOTENCY_KEY_REUSED: 'The submission id was used before',
  reason_OTHER: 'The server refused this sheet ({reason})',
  yourVersion: 'Your version (this tablet)',
  serverVersion: 'On the server (version {version}, {at})',
  noServerVersion: 'The server has no sheet for it',
  keepMine: 'Send mine over it',
  useServer: "Keep the server's",
  keepForRecord: 'Noted, remove from this tablet',
  savedAt: 'saved {at}',
};

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = LOCALES[locale];
  return (key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
}

/** A message key made at run time (a status, a reason), checked against the table. */
export function keyOf(prefix: string, value: string, fallback: MessageKey): MessageKey {
  const key = `${prefix}${value}`;
  return key in zhCN ? (key as MessageKey) : fallback;
}

export const LOCALE_KEY = 'judging.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
  formatTime: (iso: string) => string;
}

export const I18nContext = createContext<I18n>({
  locale: 'zh-CN',
  t: translator('zh-CN'),
  setLocale: () => undefined,
  formatTime: (iso) => iso,
});

export const useI18n = (): I18n => useContext(I18nContext);
