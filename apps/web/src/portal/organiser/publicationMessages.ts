/**
 * The words of publishing and objections in the organiser's console (the link to the public
 * page, the confirmation before finalising, the objection flag), zh-CN first. Part of the one table of ../../i18n.ts (spread into it).
 */
export const publicationZhCN = {
  // the public page, from the console
  publicResultsLink: '查看公开结果页',
  publicResultsLinkHint: '在新标签页中打开，即公众看到的页面',
  // finalising, said before it is done
  finaliseConfirmTitle: '将第 {version} 版确认为最终结果？',
  finaliseConfirmList: '名单成为最终结果，此后不能再修改，也不能再发布新版本或重新开启本轮；',
  finaliseConfirmCertificates: '为每个获奖作品生成证书编号和证书；',
  finaliseConfirmObjections: '异议随之关闭，公众不能再提出异议。',
  finaliseConfirmOpen: '还有 {n} 条异议未答复：答复后才能确认为最终结果。',
  finaliseConfirm: '确认，定为最终结果',
  finaliseAfterNotice: '公示期至 {at} 后可确认',
  finaliseCancel: '暂不确认',
  // a final list
  listIsFinal: '本轮名单已于 {at} 确认为最终结果（第 {version} 版），不能再发布新版本。',
  // the objection flag
  objectionsWaiting: '{n} 条异议待答复',
  objectionsWaitingAria: '{n} 条异议待答复，前往查看',
  objectionsWaitingSince: '最早一条提交于 {at}',
  openObjectionsTitle: '待答复的异议（{n}）',
  objectionFiledAt: '提交于 {at}',
  objectionAgainstVersion: '针对第 {version} 版',
  objectionAgainstEarlier: '针对已被取代的旧版本',
  objectionAbout: '作品 {code}',
  objectionsAnswered: '已答复的异议',
  eventObjectionsRound: '“{round}”：{n} 条待答复',
} as const;

export const publicationEn: Record<keyof typeof publicationZhCN, string> = {
  publicResultsLink: 'Open the public results page',
  publicResultsLinkHint: 'Opens in a new tab: the page the public sees',
  finaliseConfirmTitle: 'Make version {version} the final result?',
  finaliseConfirmList:
    'The list becomes final: it can no longer change, no new version can be published and the round cannot be reopened;',
  finaliseConfirmCertificates: 'each awarded entry gets its certificate code and certificate;',
  finaliseConfirmObjections: 'objections close: the public can no longer object.',
  finaliseConfirmOpen:
    '{n} objection(s) are still unanswered: answer them before making the list final.',
  finaliseConfirm: 'Yes, make it final',
  finaliseAfterNotice: 'Can be made final once the notice period ends, {at}',
  finaliseCancel: 'Not yet',
  listIsFinal:
    'This round’s list was made final on {at} (version {version}); no new version can be published.',
  objectionsWaiting: '{n} objection(s) to answer',
  objectionsWaitingAria: '{n} objection(s) to answer: go to them',
  objectionsWaitingSince: 'the oldest filed {at}',
  openObjectionsTitle: 'Objections to answer ({n})',
  objectionFiledAt: 'filed {at}',
  objectionAgainstVersion: 'about version {version}',
  objectionAgainstEarlier: 'about an earlier, superseded version',
  objectionAbout: 'entry {code}',
  objectionsAnswered: 'Objections answered',
  eventObjectionsRound: '“{round}”: {n} to answer',
};
