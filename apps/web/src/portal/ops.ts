/**
 * The GraphQL documents of the organisers', coordinators' and entrants' areas, with the shapes
 * their screens read: written in ../graphql/portal.graphql, typed from the contract by GraphQL
 * Code Generator (../gql/app.ts, `npm run codegen`). The judges' are named in ../api.ts.
 */
import type {
  AgreementFigureFragment,
  AuditRecordFragment,
  CategoryLeafFragment,
  EntryResultFragment,
  EntrySummaryFragment,
  PortalEntryFragment,
  PortalEventFragment,
  PortalImageFragment,
  PortalPublicationFragment,
  PortalRoundFragment,
  PortalUserFragment,
  QuotaFragment,
  RoundQualityFragment,
  RoundWhatIfQuery,
} from '../gql/app';

export type {
  AgreementModel,
  EntryStatus,
  EventStatus,
  Role,
  RoundStatus,
  WhatIfMethod,
} from '../gql/app';

/** A category with its children (an event's tree, as deep as PortalEvent asks). */
export type Category = CategoryLeafFragment & { children?: Category[] };
export type EventInfo = PortalEventFragment;
export type PortalImage = PortalImageFragment;
export type PortalEntry = PortalEntryFragment;
export type Quota = QuotaFragment;
export type PortalUser = PortalUserFragment;
export type PortalRound = PortalRoundFragment;
export type AwardTier = PortalRound['awardTiers'][number];
export type Panel = PortalRound['panels'][number];
export type EntryResult = EntryResultFragment;
export type RoundQuality = RoundQualityFragment;
export type AgreementFigure = AgreementFigureFragment;
export type RoundWhatIf = RoundWhatIfQuery['roundWhatIf'];
export type WhatIfEntry = RoundWhatIf['entries'][number];
export type Publication = PortalPublicationFragment;
export type AuditRecord = AuditRecordFragment;
export type EntrySummary = EntrySummaryFragment;
export type StatusCount = EntrySummary['byStatus'][number];

export {
  MeDocument as ME,
  RegionsDocument as REGIONS,
  RegisterEntrantDocument as REGISTER,
  EventsDocument as EVENTS,
  EventByIdDocument as EVENT_BY_ID,
  MyEntriesDocument as MY_ENTRIES,
  EntryByIdDocument as ENTRY,
  CreateEntryDocument as CREATE_ENTRY,
  UpdateEntryDocument as UPDATE_ENTRY,
  SubmitEntryDocument as SUBMIT_ENTRY,
  WithdrawEntryDocument as WITHDRAW_ENTRY,
  DeleteImageDocument as DELETE_IMAGE,
  EntriesDocument as ENTRIES,
  EntrySummaryDocument as ENTRY_SUMMARY,
  ScreenEntryDocument as SCREEN_ENTRY,
  DisqualifyEntryDocument as DISQUALIFY_ENTRY,
  CreateEventDocument as CREATE_EVENT,
  UpdateEventDocument as UPDATE_EVENT,
  SetEventStatusDocument as SET_EVENT_STATUS,
  CreateCategoryDocument as CREATE_CATEGORY,
  EventRoundsDocument as EVENT_ROUNDS,
  RoundByIdDocument as ROUND,
  CreateRoundDocument as CREATE_ROUND,
  UpdateRoundDocument as UPDATE_ROUND,
  UsersDocument as USERS,
  CreatePanelDocument as CREATE_PANEL,
  DeclareConflictDocument as DECLARE_CONFLICT,
  AssignJudgesDocument as ASSIGN,
  OpenRoundDocument as OPEN_ROUND,
  CloseRoundDocument as CLOSE_ROUND,
  ReopenRoundDocument as REOPEN_ROUND,
  RetabulateDocument as RETABULATE,
  RoundResultsDocument as ROUND_RESULTS,
  JudgeQualityDocument as JUDGE_QUALITY,
  RoundWhatIfDocument as ROUND_WHAT_IF,
  AuditLogDocument as AUDIT_LOG,
  VerifyAuditChainDocument as VERIFY_AUDIT,
  PublishedResultsDocument as PUBLISHED,
  PublishResultsDocument as PUBLISH,
  ResolveObjectionDocument as RESOLVE_OBJECTION,
  FinalisePublicationDocument as FINALISE,
  OpenObjectionCountsDocument as OPEN_OBJECTION_COUNTS,
  OpenObjectionsDocument as OPEN_OBJECTIONS,
} from '../gql/app';
