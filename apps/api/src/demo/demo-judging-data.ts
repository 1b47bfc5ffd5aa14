/** The demo's judging: judges, panels, the two rounds, and what happens in them (issues 5–7). */
import { Aggregation, QuotaMode, RankingScope, RoundSettingsInput, TiePolicy } from '@app/judging';
import { ENTERPRISES } from './demo-data';

export interface DemoJudge {
  email: string;
  name: string;
  /** how much more (+) or less (−) generous than the panel's average, as a share of the scale */
  leniency: number;
  /** the share of their round-two sheets already submitted (the rest is the tablet's work) */
  roundTwoDone: number;
}

const judge = (n: number, name: string, leniency: number, roundTwoDone: number): DemoJudge => ({
  email: `judge${String(n).padStart(2, '0')}@example.com`,
  name,
  leniency,
  roundTwoDone,
});

/** Panel A judges ceramics and weaving, panel B wood carving and embroidery. */
export const DEMO_JUDGES: readonly DemoJudge[] = [
  judge(1, '周国华（陶瓷）', 0.01, 0.3),
  judge(2, '谢丽娟（陶瓷）', -0.04, 0),
  judge(3, '梁启明（坭兴陶）', 0.03, 0.6),
  judge(4, '韦海燕（编织）', 0, 0.8),
  judge(5, '黄建新（竹编）', 0.05, 0.5),
  judge(6, '覃秋月（藤编）', -0.02, 0.2),
  judge(7, '陆振邦（木雕）', -0.05, 0.4),
  judge(8, '莫雅琴（红木）', 0.02, 0.7),
  judge(9, '蓝天佑（根雕）', 0.04, 0),
  judge(10, '潘慧敏（刺绣）', -0.01, 0.5),
  judge(11, '农秀芬（侗绣）', 0, 0.6),
  judge(12, '罗文斌（绣球）', -0.03, 0.3),
];

export const DEMO_PANELS: ReadonlyArray<{
  name: string;
  categoryCodes: readonly string[];
  judgeEmails: readonly string[];
}> = [
  {
    name: '陶瓷·编织组',
    categoryCodes: ['TC', 'BZ'],
    judgeEmails: DEMO_JUDGES.slice(0, 6).map((j) => j.email),
  },
  {
    name: '木雕·刺绣组',
    categoryCodes: ['MD', 'CX'],
    judgeEmails: DEMO_JUDGES.slice(6).map((j) => j.email),
  },
];

/** judge03 works for the first enterprise: the automatic conflict keeps them off its entries. */
export const AFFILIATION = { judgeEmail: DEMO_JUDGES[2].email, entrantName: ENTERPRISES[0] };

/** judge09 once designed for the second enterprise (whose entries panel B judges too). */
export const DECLARED_CONFLICT = {
  judgeEmail: DEMO_JUDGES[8].email,
  entrantName: ENTERPRISES[1],
  reason: '曾为该厂设计产品并领取报酬',
};

/** judge08 steps aside from one entry of round one; the top-up gives it another judge. */
export const RECUSAL = {
  judgeEmail: DEMO_JUDGES[7].email,
  reason: '作品作者系本人指导的学生，申请回避',
};

/** The seed of both assignments: the same judges get the same entries every run. */
export const ASSIGNMENT_SEED = 20261127;

/** Every this-many-th sheet of round one is changed once after it was submitted. */
export const CHANGE_EVERY = 37;
export const CHANGE_COMMENT = '复核后调整工艺分';

export const SHEET_COMMENTS = [
  '造型端正，细节处理到位',
  '工艺扎实，但构图略显平淡',
  '地域特色鲜明，建议加强实用性',
  '材料运用大胆，完成度高',
  '纹样繁复精致，色彩协调',
];

export const ROUND_ONE: RoundSettingsInput = {
  name: '初评',
  criteria: [
    { key: 'craft', name: '工艺水平', weight: 40, maxScore: 10, step: 0.5 },
    { key: 'design', name: '造型设计', weight: 30, maxScore: 10, step: 0.5 },
    { key: 'culture', name: '文化内涵', weight: 20, maxScore: 10, step: 0.5 },
    { key: 'practical', name: '实用与市场', weight: 10, maxScore: 5, step: 0.5 },
  ],
  judgesPerEntry: 3,
  aggregation: Aggregation.MEAN,
  rankingScope: RankingScope.CATEGORY,
  tieBreakCriteria: ['craft', 'design'],
  blind: false,
  awardTiers: [
    { key: 'gold', name: '金奖', quota: { mode: QuotaMode.PERCENT, value: 10 } },
    { key: 'silver', name: '银奖', quota: { mode: QuotaMode.PERCENT, value: 20 } },
    { key: 'bronze', name: '铜奖', quota: { mode: QuotaMode.PERCENT, value: 30 } },
  ],
  tiePolicy: TiePolicy.INCLUDE_TIES,
  advancement: { mode: QuotaMode.COUNT, value: 3 },
};

/** Blind, scored on a finer scale, five judges an entry with the highest and lowest dropped. */
export const ROUND_TWO: Omit<RoundSettingsInput, 'previousRoundId'> = {
  name: '复评',
  criteria: [
    { key: 'artistry', name: '艺术价值', weight: 35, maxScore: 10, step: 0.1 },
    { key: 'craft', name: '技艺难度', weight: 35, maxScore: 10, step: 0.1 },
    { key: 'innovation', name: '创新性', weight: 30, maxScore: 10, step: 0.1 },
  ],
  judgesPerEntry: 5,
  aggregation: Aggregation.TRIMMED_MEAN,
  trimCount: 1,
  rankingScope: RankingScope.PARENT_CATEGORY,
  tieBreakCriteria: ['craft'],
  blind: true,
  awardTiers: [
    { key: 'gold', name: '金奖', quota: { mode: QuotaMode.COUNT, value: 1 } },
    { key: 'silver', name: '银奖', quota: { mode: QuotaMode.COUNT, value: 1 } },
    { key: 'bronze', name: '铜奖', quota: { mode: QuotaMode.COUNT, value: 2 } },
  ],
  tiePolicy: TiePolicy.INCLUDE_TIES,
};

/** Round one's results stay in notice this long. */
export const NOTICE_DAYS = 7;

export const OBJECTION = {
  /** documentation address (RFC 5737): the public files objections without signing in */
  ip: '198.51.100.23',
  reason: '本作品工艺复杂度高，评分明显偏低，申请复核。',
  contact: '139 0000 0000',
  response: '经评审委员会复核，三位评委评分一致，维持原结果。',
};
