/**
 * The words of the organisers' charts (issue 21), zh-CN first; spread into the app's table
 * (src/i18n.ts). Every chart has a title, named axes and a text alternative (a sentence and a
 * table) that says what the picture shows.
 */
export const chartsZhCN = {
  chartDataTable: '图表数据',
  chartTotal: '合计',
  chartScoreTitle: '得分分布',
  chartScoreAxisX: '总分区间',
  chartScoreAxisY: '作品数',
  chartScoreRange: '分数区间',
  chartScoreSummary:
    '{scored} 件作品有总分，分为 {bins} 个区间（每个区间含下限、不含上限，最后一个区间含上限）。',
  chartScoreUnscored: '另有 {n} 件作品尚无总分，未计入。',
  chartScoreNone: '还没有作品得到总分。',
  chartLeniencyTitle: '评委宽严对比',
  chartLeniencyAxisX: '与共同评审评委平均分之差（分）',
  chartLeniencyAxisY: '评委',
  chartLeniencyValue: '差值（分）',
  chartCoJudged: '共同评审的作品数',
  chartLeniencySummary:
    '{n} 位评委与其他评委评过相同的作品。正数表示该评委比同一作品的其他评委平均给分高（偏宽），负数表示偏严，0 表示一致。',
  chartLeniencyWithout: '没有与他人共同评审的作品、无法比较：{names}。',
  chartLeniencyNone: '还没有评委与其他评委评过相同的作品。',
  chartActivityTitle: '每小时提交的评分表（按评审组）',
  chartActivityAxisX: '时间（整点开始的一小时）',
  chartActivityAxisY: '评分表数',
  chartActivityHour: '时间',
  chartActivitySummary: '共 {total} 份评分表，{from} 至 {to}（本机时间）。',
  chartActivityEarlier: '图中只显示最后 {hours} 小时；更早提交的 {n} 份计入合计。',
  chartActivityNone: '还没有提交的评分表。',
  chartPanel: '评审组',
} as const;

export const chartsEn: Record<keyof typeof chartsZhCN, string> = {
  chartDataTable: 'Chart data',
  chartTotal: 'Total',
  chartScoreTitle: 'Score distribution',
  chartScoreAxisX: 'Score range',
  chartScoreAxisY: 'Entries',
  chartScoreRange: 'Score range',
  chartScoreSummary:
    '{scored} entries have a score, in {bins} ranges (each includes its lower end, not its upper end; the last includes both).',
  chartScoreUnscored: '{n} more entries have no score yet and are left out.',
  chartScoreNone: 'No entry has a score yet.',
  chartLeniencyTitle: "Judges' leniency",
  chartLeniencyAxisX: "Points above (+) or below (−) the co-judges' mean",
  chartLeniencyAxisY: 'Judge',
  chartLeniencyValue: 'Difference (points)',
  chartCoJudged: 'Entries shared with co-judges',
  chartLeniencySummary:
    '{n} judges scored entries that other judges scored too. A positive figure: the judge scored higher than the other judges of the same entries (lenient); negative: lower (severe); 0: the same.',
  chartLeniencyWithout: 'No entry shared with another judge, nothing to compare: {names}.',
  chartLeniencyNone: 'No judge has yet scored an entry another judge scored.',
  chartActivityTitle: 'Score sheets per hour, by panel',
  chartActivityAxisX: 'Hour (starting on the hour)',
  chartActivityAxisY: 'Sheets',
  chartActivityHour: 'Hour',
  chartActivitySummary: '{total} sheets, {from} to {to} (this device’s time).',
  chartActivityEarlier:
    'The chart shows the last {hours} hours; {n} sheets sent earlier are in the totals.',
  chartActivityNone: 'No score sheet has been submitted yet.',
  chartPanel: 'Panel',
};
