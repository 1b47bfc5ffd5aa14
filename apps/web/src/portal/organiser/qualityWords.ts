/**
 * The words of the judge-quality section and the what-if screen (issue 23), zh-CN first; spread
 * into the portal's table (../messages.ts). What a figure means is said in a sentence, not left
 * to the figure's name.
 */
export const qualityZhCN = {
  // agreement, read as Koo & Li (2016) do
  agreementLevel_poor: '较差',
  agreementLevel_moderate: '一般',
  agreementLevel_good: '良好',
  agreementLevel_excellent: '优秀',
  agreementModelShort_ONE_WAY: '单向模型',
  agreementModelShort_TWO_WAY: '双向模型',
  agreementSentence: '评委间一致性{level} ({name}={value}, {model})',
  agreementUndefined: '无法计算一致性：计入的作品不足 2 件，或各作品的平均分完全相同',
  agreementMeaning_TWO_WAY:
    '每位评委都评了这些作品。{name} 衡量评委对作品的排序是否一致：某位评委整体偏宽或偏严不改变名次。分数本身是否一致（绝对一致性）看 ICC(2,k)={absolute}。',
  agreementMeaning_ONE_WAY:
    '各作品的评委不尽相同，只能用单向模型：{name} 表示每件作品 {k} 位评委平均分的可靠程度。',
  kendallSentence:
    '肯德尔和谐系数 W={w}（χ²={chiSquare}，自由度 {df}，p {p}）：1 表示所有评委的排序完全相同，0 表示没有共同的排序。',
  roundAgreement: '全轮',
  allIccFigures: '全部组内相关系数',
  iccNames: '{name}（McGraw & Wong：{mcGrawWong}）',
  headlineFigure: '主要指标',
  leniency: '宽严（与共同评审的评委相比）',
  spearman: '排序相关（斯皮尔曼 ρ）',
  leniencyAbove: '平均高 {points} 分',
  leniencyBelow: '平均低 {points} 分',
  leniencySame: '与其他评委一致',
  leniencyEntries: '（{n} 件共同评审的作品）',
  // the what-if screen
  whatIfLink: '比较不同计分方法',
  whatIfTitle: '计分方法对比',
  whatIfIntro:
    '用本轮的真实评分，按每种计分方法重新计算名次和奖项，与本轮采用的方法并列。只读：不会改变已保存或已公布的结果。',
  whatIfStale:
    '本轮在最近一次计分后有变化（例如取消了资格）：以下按当前数据计算，与已保存的结果可能不同。',
  whatIfNotTabulated: '本轮还没有保存的计分结果：以下按当前数据计算。',
  whatIfDepends: '{n} 件作品的奖项取决于计分方法',
  whatIfNoneDepends: '无论采用哪种计分方法，奖项都相同',
  whatIfMethods: '各计分方法',
  whatIfMethod: '计分方法',
  whatIfOwn: '本轮采用',
  whatIfTau: '与本轮名次的一致性（肯德尔 τ）',
  whatIfAwardsChanged: '奖项变化',
  whatIfAdvancementChanged: '晋级变化',
  whatIfNotComparable: '最低分门槛按另一种尺度设定，此方法不评奖',
  whatIfChart: '随计分方法变化的奖项',
  whatIfChartLabel: '图表：{n} 件作品在各计分方法下的奖项',
  whatIfEntries: '奖项或晋级取决于计分方法的作品',
  whatIfNoAward: '无',
  whatIfUp: '升 {n} 级',
  whatIfDown: '降 {n} 级',
  whatIfShifted: '{award}（{shift}）',
  whatIfChartMore: '图中列出前 {shown} 件，另有 {more} 件见下表',
  whatIfBiases: '评委偏差（按"总分 = 作品水平 + 评委偏差 + 误差"拟合）',
  whatIfBiasNote:
    '最小二乘拟合；由共同评审的作品连在一起的评委为一组，每组偏差之和为 0。正数表示这位评委给分偏高。',
  whatIfBias: '偏差（分）',
  whatIfExport: '导出对比（CSV）',
} as const;

export type QualityMessageKey = keyof typeof qualityZhCN;

export const qualityEn: Record<QualityMessageKey, string> = {
  agreementLevel_poor: 'poor',
  agreementLevel_moderate: 'moderate',
  agreementLevel_good: 'good',
  agreementLevel_excellent: 'excellent',
  agreementModelShort_ONE_WAY: 'one-way model',
  agreementModelShort_TWO_WAY: 'two-way model',
  agreementSentence: 'Agreement between judges is {level} ({name} = {value}, {model})',
  agreementUndefined:
    'Agreement cannot be computed: fewer than 2 entries used, or every entry has the same mean',
  agreementMeaning_TWO_WAY:
    'Every judge scored these entries. {name} measures whether the judges order the entries alike: a judge who is uniformly lenient or strict changes no rank. For agreement on the scores themselves (absolute agreement) see ICC(2,k) = {absolute}.',
  agreementMeaning_ONE_WAY:
    'Entries met different judges, so only the one-way model applies: {name} is how reliable the mean of the {k} judges of an entry is.',
  kendallSentence:
    "Kendall's W = {w} (χ² = {chiSquare}, df {df}, p {p}): 1 when every judge orders the entries alike, 0 when there is no common order.",
  roundAgreement: 'Whole round',
  allIccFigures: 'All intraclass correlations',
  iccNames: '{name} (McGraw & Wong: {mcGrawWong})',
  headlineFigure: 'Headline figure',
  leniency: 'Leniency (against co-judges)',
  spearman: 'Rank correlation (Spearman ρ)',
  leniencyAbove: '{points} points above on average',
  leniencyBelow: '{points} points below on average',
  leniencySame: 'in line with the others',
  leniencyEntries: ' ({n} entries shared)',
  whatIfLink: 'Compare scoring methods',
  whatIfTitle: 'Scoring methods compared',
  whatIfIntro:
    "The round's real sheets, ranked and awarded again under each scoring method, beside the method the round uses. Read-only: no stored or published result changes.",
  whatIfStale:
    'The round changed since its last tabulation (a disqualification?): this is computed on the current data and may differ from the stored results.',
  whatIfNotTabulated: 'The round has no stored results yet: this is computed on the current data.',
  whatIfDepends: 'The award of {n} entries depends on the scoring method',
  whatIfNoneDepends: 'Every scoring method gives the same awards',
  whatIfMethods: 'The methods',
  whatIfMethod: 'Method',
  whatIfOwn: "this round's",
  whatIfTau: "Agreement with the round's ranking (Kendall's τ)",
  whatIfAwardsChanged: 'Awards changed',
  whatIfAdvancementChanged: 'Advancement changed',
  whatIfNotComparable: 'The minimum score is set on another scale: no awards under this method',
  whatIfChart: 'Awards that depend on the method',
  whatIfChartLabel: 'Chart: the awards of {n} entries under each method',
  whatIfEntries: 'Entries whose award or advancement depends on the method',
  whatIfNoAward: 'none',
  whatIfUp: 'up {n}',
  whatIfDown: 'down {n}',
  whatIfShifted: '{award} ({shift})',
  whatIfChartMore: 'The chart shows the first {shown}; {more} more are in the table below',
  whatIfBiases: 'Judge biases (fitted as total = entry quality + judge bias + noise)',
  whatIfBiasNote:
    'Least squares; judges linked by the entries they share form a group whose biases add up to 0. A positive bias is a judge who scores higher than the others.',
  whatIfBias: 'Bias (points)',
  whatIfExport: 'Export comparison (CSV)',
};
