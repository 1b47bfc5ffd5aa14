import type { AuditVerificationResult } from '../audit-chain';
import type { AuditRecordEntity } from '../audit-record.entity';
import type { AuditRecordModel, AuditVerificationModel } from './audit.models';

export function toAuditRecordModel(record: AuditRecordEntity): AuditRecordModel {
  return {
    id: record.id,
    at: record.at,
    actorId: record.actorId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    detail: record.detail,
    hash: record.hash,
    prevHash: record.prevHash,
  };
}

export function toAuditVerificationModel(result: AuditVerificationResult): AuditVerificationModel {
  return { ok: result.ok, records: result.records, firstBrokenId: result.firstBrokenId };
}
