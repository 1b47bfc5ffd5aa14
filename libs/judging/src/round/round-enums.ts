import { registerEnumType } from '@nestjs/graphql';

export enum RoundStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  TABULATED = 'TABULATED',
}

export enum Aggregation {
  MEAN = 'MEAN',
  TRIMMED_MEAN = 'TRIMMED_MEAN',
  MEDIAN = 'MEDIAN',
  ZSCORE = 'ZSCORE',
}

export enum RankingScope {
  CATEGORY = 'CATEGORY',
  PARENT_CATEGORY = 'PARENT_CATEGORY',
  ROUND = 'ROUND',
}

export enum QuotaMode {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  MIN_SCORE = 'MIN_SCORE',
}

export enum TiePolicy {
  INCLUDE_TIES = 'INCLUDE_TIES',
  EXCLUDE_TIES = 'EXCLUDE_TIES',
}

registerEnumType(RoundStatus, { name: 'RoundStatus' });
registerEnumType(Aggregation, { name: 'Aggregation' });
registerEnumType(RankingScope, { name: 'RankingScope' });
registerEnumType(QuotaMode, { name: 'QuotaMode' });
registerEnumType(TiePolicy, { name: 'TiePolicy' });
