import { AuditChainHeadEntity } from './audit-chain-head.entity';
import { AuditRecordEntity } from './audit-record.entity';

export const AUDIT_ENTITIES = [AuditRecordEntity, AuditChainHeadEntity];
