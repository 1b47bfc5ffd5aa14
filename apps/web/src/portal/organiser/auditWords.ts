import { keyOf, Translate } from '../../i18n';

/**
 * Every action the server writes into the audit log, as it writes it (`entry.accepted`), for
 * the log's filter; each has words `auditAction_<action with . and - as _>` in
 * ./officeMessages.ts. auditWords.spec.ts fails when libs/ writes one that is not here.
 */
export const AUDIT_ACTIONS = [
  'event.created',
  'event.updated',
  'event.status',
  'category.created',
  'entry.created',
  'entry.updated',
  'entry.submitted',
  'entry.withdrawn',
  'entry.deleted',
  'entry.accepted',
  'entry.rejected',
  'entry.disqualified',
  'image.added',
  'image.deleted',
  'image.reordered',
  'round.created',
  'round.updated',
  'panel.created',
  'panel.updated',
  'round.assigned',
  'round.topped-up',
  'assignment.moved',
  'assignment.recused',
  'round.opened',
  'sheet.submitted',
  'sheet.changed',
  'round.closed',
  'round.reopened',
  'round.tabulated',
  'publication.published',
  'objection.filed',
  'objection.resolved',
  'publication.finalised',
  'award.revoked',
] as const;

/** The subject types the server records (`Entry`, `Round`, …), each with words. */
export const AUDIT_SUBJECTS = [
  'Event',
  'Category',
  'Entry',
  'Round',
  'Assignment',
  'Publication',
  'Objection',
] as const;

/** An action in words; one this app does not know yet reads "其他操作", never the key. */
export function actionWords(t: Translate, action: string): string {
  return t(keyOf('auditAction_', action.replace(/[.-]/g, '_'), 'auditActionOther'));
}

export function subjectWords(t: Translate, subjectType: string): string {
  return t(keyOf('auditSubject_', subjectType, 'auditSubjectOther'));
}

/** The record's JSON detail, indented for reading (as stored when it is not JSON). */
export function readableDetail(detail: string): string {
  try {
    return JSON.stringify(JSON.parse(detail), null, 2);
  } catch {
    return detail;
  }
}

/**
 * A subject's id shortened to tell subjects apart: its last 8 hex digits. Ids are UUIDv7, whose
 * first digits are the time they were made, so the first 8 are the same for everything made in
 * the same minute or so (every sheet of a round read "评审任务 01a24fe9").
 */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-8);
}
