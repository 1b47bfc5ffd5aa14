/**
 * The GraphQL documents of the organisers', coordinators' and entrants' areas, with the shapes
 * their screens read. The judges' documents stay in ../api.ts.
 */
import type { Image } from '../api';

export type Role = 'ADMIN' | 'ORGANISER' | 'COORDINATOR' | 'ENTRANT' | 'JUDGE';
export type EntryStatus =
  'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'DISQUALIFIED' | 'WITHDRAWN';
export type EventStatus = 'DRAFT' | 'OPEN' | 'CLOSED' | 'ARCHIVED';
export type RoundStatus = 'DRAFT' | 'OPEN' | 'CLOSED' | 'TABULATED';

export interface Category {
  id: string;
  code: string;
  name: string;
  children?: Category[];
}

export interface EventInfo {
  id: string;
  slug: string;
  name: string;
  kind: 'CRAFTS_EXHIBITION' | 'INVENTION_FAIR' | 'OTHER';
  status: EventStatus;
  submissionOpensAt: string | null;
  submissionClosesAt: string | null;
  maxEntriesPerEntrant: number;
  maxImagesPerEntry: number;
  categories: Category[];
}

export interface PortalImage extends Image {
  bytes: number;
  contentType: string;
  failureReason: string | null;
}

export interface PortalEntry {
  id: string;
  eventId: string;
  code: string | null;
  status: EntryStatus;
  title: string;
  description: string | null;
  materials: string | null;
  techniques: string | null;
  dimensions: string | null;
  creators: string[];
  itemCount: number;
  yearCreated: number | null;
  patentNumbers: string[];
  regionCode: string;
  screeningReason: string | null;
  submittedAt: string | null;
  category: { id: string; code: string; name: string };
  entrant: { id: string; name: string; regionCode: string } | null;
  images: PortalImage[];
}

export interface Quota {
  mode: 'COUNT' | 'PERCENT' | 'MIN_SCORE';
  value: number;
}

export interface AwardTier {
  key: string;
  name: string;
  rank: number;
  quota: Quota;
}

export interface PortalUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface Panel {
  id: string;
  name: string;
  categories: { id: string; code: string; name: string }[];
  judges: PortalUser[];
}

export interface PortalRound {
  id: string;
  eventId: string;
  name: string;
  sequence: number;
  status: RoundStatus;
  blind: boolean;
  aggregation: string;
  rankingScope: string;
  judgesPerEntry: number;
  minSheets: number;
  previousRoundId: string | null;
  criteria: { key: string; name: string; weight: number; maxScore: number; step: number }[];
  awardTiers: AwardTier[];
  advancement: Quota | null;
  panels: Panel[];
  progress: {
    assignments: number;
    submitted: number;
    recused: number;
    entriesTotal: number;
    entriesComplete: number;
  };
  judgeProgress: { judge: PortalUser; assigned: number; submitted: number; recused: number }[];
  tabulation: { version: number; hash: string; computedAt: string } | null;
}

export interface EntryResult {
  scopeKey: string;
  rank: number | null;
  score: number | null;
  scoreExact: string | null;
  sheetCount: number;
  complete: boolean;
  advanced: boolean;
  award: { key: string; name: string } | null;
  entry: { id: string; code: string | null; title: string };
}

export interface RoundQuality {
  margin: number;
  tabulationVersion: number | null;
  judges: { judge: PortalUser; sheets: number; meanTotal: number; sdTotal: number }[];
  panels: {
    panel: { id: string; name: string };
    method: string;
    k: number;
    agreement: number | null;
    entriesUsed: number;
    entriesLeftOut: number;
  }[];
  cusps: {
    entry: { id: string; code: string | null };
    scopeKey: string;
    boundary: string;
    inside: boolean;
    boundaryScore: number;
    score: number;
    distance: number;
  }[];
}

export interface Publication {
  id: string;
  roundId: string;
  version: number;
  status: 'NOTICE' | 'FINAL' | 'SUPERSEDED';
  hash: string;
  publishedAt: string;
  noticeEndsAt: string;
  items: {
    entryCode: string;
    title: string;
    entrantName: string;
    categoryName: string;
    rank: number | null;
    award: { key: string; name: string } | null;
    certificateCode: string | null;
  }[];
  objections: {
    id: string;
    entryCode: string;
    reason: string;
    response: string | null;
    status: 'OPEN' | 'UPHELD' | 'DISMISSED';
    createdAt: string;
  }[];
}

export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  detail: string;
  hash: string;
}

export interface StatusCount {
  status: EntryStatus;
  count: number;
}

export interface EntrySummary {
  total: number;
  byStatus: StatusCount[];
  byCategory: {
    categoryId: string;
    categoryCode: string;
    categoryName: string;
    total: number;
    byStatus: StatusCount[];
  }[];
}

const CATEGORY_TREE = 'categories{id code name children{id code name children{id code name}}}';
const EVENT =
  'id slug name kind status submissionOpensAt submissionClosesAt maxEntriesPerEntrant ' +
  `maxImagesPerEntry ${CATEGORY_TREE}`;
export const IMAGE_FIELDS =
  'id status position placeholder bytes contentType failureReason renditions{size url width height}';
export const ENTRY_FIELDS =
  'id eventId code status title description materials techniques dimensions creators itemCount ' +
  'yearCreated patentNumbers regionCode screeningReason submittedAt category{id code name} ' +
  `entrant{id name regionCode} images{${IMAGE_FIELDS}}`;
const QUOTA = 'mode value';
const ROUND_SELECTION =
  'id eventId name sequence status blind aggregation rankingScope judgesPerEntry minSheets ' +
  'previousRoundId criteria{key name weight maxScore step} ' +
  `awardTiers{key name rank quota{${QUOTA}}} advancement{${QUOTA}} ` +
  'panels{id name categories{id code name} judges{id name email role}} ' +
  'progress{assignments submitted recused entriesTotal entriesComplete} ' +
  'judgeProgress{judge{id name email role} assigned submitted recused} ' +
  'tabulation{version hash computedAt}';
const PUBLICATION =
  'id roundId version status hash publishedAt noticeEndsAt ' +
  'items{entryCode title entrantName categoryName rank award{key name} certificateCode} ' +
  'objections{id entryCode reason response status createdAt}';

export const ME = '{me{id name email role regionCode}}';
export const REGIONS = '{regions{code name}}';
export const REGISTER = `mutation($input:RegisterEntrantInput!){registerEntrant(input:$input){token user{id name email role}}}`;
export const EVENTS = `{events{${EVENT}}}`;
export const EVENT_BY_ID = `query($id:ID!){event(id:$id){${EVENT}}}`;
export const MY_ENTRIES = `query($eventId:ID!){myEntries(eventId:$eventId){${ENTRY_FIELDS}}}`;
export const ENTRY = `query($id:ID!){entry(id:$id){${ENTRY_FIELDS}}}`;
export const CREATE_ENTRY = `mutation($input:CreateEntryInput!){createEntry(input:$input){${ENTRY_FIELDS}}}`;
export const UPDATE_ENTRY = `mutation($id:ID!,$entry:EntryInput!){updateEntry(id:$id,entry:$entry){${ENTRY_FIELDS}}}`;
export const SUBMIT_ENTRY = `mutation($id:ID!){submitEntry(id:$id){${ENTRY_FIELDS}}}`;
export const WITHDRAW_ENTRY = `mutation($id:ID!,$reason:String){withdrawEntry(id:$id,reason:$reason){${ENTRY_FIELDS}}}`;
export const DELETE_IMAGE = 'mutation($id:ID!){deleteImage(id:$id)}';
export const ENTRIES = `query($eventId:ID!,$filter:EntryFilter,$first:Int,$after:String){entries(eventId:$eventId,filter:$filter,first:$first,after:$after){totalCount pageInfo{hasNextPage endCursor} edges{node{${ENTRY_FIELDS}}}}}`;
export const ENTRY_SUMMARY = `query($eventId:ID!,$regionCode:String){entrySummary(eventId:$eventId,regionCode:$regionCode){total byStatus{status count} byCategory{categoryId categoryCode categoryName total byStatus{status count}}}}`;
export const SCREEN_ENTRY = `mutation($id:ID!,$d:ScreeningDecision!,$reason:String){screenEntry(id:$id,decision:$d,reason:$reason){id status screeningReason}}`;
export const DISQUALIFY_ENTRY = `mutation($id:ID!,$reason:String!){disqualifyEntry(id:$id,reason:$reason){id status screeningReason}}`;
export const CREATE_EVENT = `mutation($input:CreateEventInput!){createEvent(input:$input){${EVENT}}}`;
export const UPDATE_EVENT = `mutation($id:ID!,$input:CreateEventInput!){updateEvent(id:$id,input:$input){${EVENT}}}`;
export const SET_EVENT_STATUS = `mutation($id:ID!,$s:EventStatus!){setEventStatus(eventId:$id,status:$s){${EVENT}}}`;
export const CREATE_CATEGORY = `mutation($input:CreateCategoryInput!){createCategory(input:$input){id code name}}`;
export const EVENT_ROUNDS = `query($id:ID!){event(id:$id){id name rounds{${ROUND_SELECTION}}}}`;
export const ROUND = `query($id:ID!){round(id:$id){${ROUND_SELECTION}}}`;
export const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){${ROUND_SELECTION}}}`;
export const UPDATE_ROUND = `mutation($id:ID!,$input:CreateRoundInput!){updateRound(id:$id,input:$input){${ROUND_SELECTION}}}`;
export const USERS = `query($role:Role){users(role:$role){id name email role}}`;
export const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
export const DECLARE_CONFLICT = `mutation($e:ID!,$j:ID!,$r:String){declareConflict(entrantId:$e,judgeId:$j,reason:$r)}`;
export const ASSIGN = `mutation($id:ID!,$seed:Int){assignJudges(roundId:$id,seed:$seed){assignments minLoad maxLoad unassignableEntryIds}}`;
export const OPEN_ROUND = `mutation($id:ID!){openRound(roundId:$id){id status}}`;
export const CLOSE_ROUND = `mutation($id:ID!){closeRound(roundId:$id){id status}}`;
export const REOPEN_ROUND = `mutation($id:ID!,$r:String!){reopenRound(roundId:$id,reason:$r){id status}}`;
export const RETABULATE = `mutation($id:ID!){retabulate(roundId:$id){id status}}`;
export const ROUND_RESULTS = `query($id:ID!){roundResults(roundId:$id){scopeKey rank score scoreExact sheetCount complete advanced award{key name} entry{id code title}}}`;
export const JUDGE_QUALITY = `query($id:ID!,$m:Float){judgeQuality(roundId:$id,margin:$m){margin tabulationVersion judges{judge{id name email role} sheets meanTotal sdTotal} panels{panel{id name} method k agreement entriesUsed entriesLeftOut} cusps{entry{id code} scopeKey boundary inside boundaryScore score distance}}}`;
export const AUDIT_LOG = `query($eventId:ID!,$first:Int,$after:String){auditLog(eventId:$eventId,first:$first,after:$after){id at action actorId subjectType subjectId detail hash}}`;
export const VERIFY_AUDIT = `query($eventId:ID!){verifyAuditChain(eventId:$eventId){ok records firstBrokenId}}`;
export const PUBLISHED = `query($slug:String!){publishedResults(eventSlug:$slug){${PUBLICATION}}}`;
export const PUBLISH = `mutation($id:ID!,$ends:DateTime!,$scores:Boolean!){publishResults(roundId:$id,noticeEndsAt:$ends,showScores:$scores){${PUBLICATION}}}`;
export const RESOLVE_OBJECTION = `mutation($id:ID!,$response:String!,$upheld:Boolean!){resolveObjection(id:$id,response:$response,upheld:$upheld){id status}}`;
export const FINALISE = `mutation($id:ID!){finalisePublication(id:$id){${PUBLICATION}}}`;
