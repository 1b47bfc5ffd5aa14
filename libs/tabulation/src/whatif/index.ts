export { solveIntegerSystem } from './exact-solve';
export type { IntegerSolution } from './exact-solve';
export { EXACT_QUALITY_DIGITS, QUALITY_KEY_DECIMALS, fitJudgeBias } from './judge-bias';
export type { BiasComponent, EntryQuality, JudgeBias, JudgeBiasFit } from './judge-bias';
export { kendallTauB } from './kendall-tau';
export type { KendallTau, RankedTwice } from './kendall-tau';
export { WHAT_IF_METHODS, whatIf } from './what-if';
export type {
  WhatIfEntry,
  WhatIfMethod,
  WhatIfMethodSummary,
  WhatIfOutcome,
  WhatIfReport,
} from './what-if';
