import type { Type } from '@nestjs/common';
import { AuditResolver } from '@app/audit';
import { EntryImagesResolver, EntryResolver, ImageResolver } from '@app/entries';
import { CategoryResolver, EventResolver } from '@app/events';
import {
  AssignmentMoveResolver,
  AssignmentResolver,
  EventRoundsResolver,
  JudgeResolver,
  JudgeWorkloadResolver,
  PanelResolver,
  RoundActivityResolver,
  RoundJudgeProgressResolver,
  RoundAssignmentsResolver,
  RoundPanelsResolver,
  RoundResolver,
} from '@app/judging';
import {
  CreditCodeReleaseResolver,
  EntrantResolver,
  RegionResolver,
  UserAdminResolver,
  UserResolver,
} from '@app/identity';
import {
  ObjectionStatusResolver,
  OpenObjectionsResolver,
  PublicationResolver,
} from '@app/publication';
import { JudgeQualityResolver, ResultsResolver, RoundWhatIfResolver } from '@app/results';
import { AuditSubjectLabelResolver } from './audit-subject-label.resolver';

/**
 * Every resolver class of the API, for building the schema without a server or a database
 * (the contract check). The API module registers the same classes through the domain modules.
 */
export const SCHEMA_RESOLVERS: Type<unknown>[] = [
  UserResolver,
  EntrantResolver,
  RegionResolver,
  CreditCodeReleaseResolver,
  UserAdminResolver,
  AuditResolver,
  AuditSubjectLabelResolver,
  EventResolver,
  CategoryResolver,
  EntryResolver,
  EntryImagesResolver,
  ImageResolver,
  RoundResolver,
  PanelResolver,
  RoundPanelsResolver,
  AssignmentResolver,
  AssignmentMoveResolver,
  RoundAssignmentsResolver,
  JudgeResolver,
  JudgeWorkloadResolver,
  RoundJudgeProgressResolver,
  RoundActivityResolver,
  EventRoundsResolver,
  ResultsResolver,
  JudgeQualityResolver,
  RoundWhatIfResolver,
  PublicationResolver,
  ObjectionStatusResolver,
  OpenObjectionsResolver,
];
