export { countedTotals } from './counted-totals';
export type { CountedTotal, CountedTotals } from './counted-totals';
export { judgeTotalStats } from './judge-stats';
export type { JudgeTotalStats } from './judge-stats';
export { iccOneK } from './agreement';
export type { PanelAgreement } from './agreement';
export { ADVANCEMENT, cuspEntries, defaultCuspMargin } from './cusps';
export type { Cusp, CuspInput, CuspResult } from './cusps';
