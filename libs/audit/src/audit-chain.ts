import { canonicalJson, sha256Hex } from '@app/core';

/**
 * The audit chain of judging-rules.md §9, as pure functions: no database, no clock.
 * `hash = sha256(prevHash + canonicalJson({id, at, actorId, action, subjectType, subjectId,
 * detail}))`, `at` as ISO-8601 UTC with milliseconds, a null prevHash (the first record) as
 * the empty string, `detail` the record's JSON details as a string.
 */
export interface AuditRecordFields {
  readonly id: string;
  readonly at: Date;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** The canonical JSON of the details, as stored (a string, hashed as such). */
  readonly detail: string;
}

export interface ChainedAuditRecord extends AuditRecordFields {
  readonly hash: string;
  readonly prevHash: string | null;
  /** The record's position (1, 2, …) when known: a gap or a repeat breaks the chain there. */
  readonly seq?: number;
}

/** What the chain head says: how many records the chain has and the hash of the last one. */
export interface AuditChainHeadState {
  readonly records: number;
  readonly lastHash: string | null;
}

export interface AuditVerificationResult {
  readonly ok: boolean;
  /** How many records were read. */
  readonly records: number;
  /**
   * The first record, in chain order, whose hash or prevHash does not match. `null` when the
   * chain is intact, and also when it is broken only by records missing after the last one
   * (the head counts more records than there are).
   */
  readonly firstBrokenId: string | null;
}

export function auditRecordHash(prevHash: string | null, record: AuditRecordFields): string {
  return sha256Hex((prevHash ?? '') + auditRecordBody(record));
}

/** What a record's hash covers after the previous hash: its canonical JSON (§9). */
export function auditRecordBody(record: AuditRecordFields): string {
  return canonicalJson({
    id: record.id,
    at: record.at.toISOString(),
    actorId: record.actorId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    detail: record.detail,
  });
}

/**
 * Checks a chain record by record, in chain order, keeping only the previous hash: a chain of
 * any length can be streamed through it in batches. With a head, records missing after the last
 * one and records added beyond the head are found too.
 */
export class AuditChainVerifier {
  private count = 0;
  private previousHash: string | null = null;
  private brokenId: string | null = null;
  private broken = false;

  constructor(private readonly head?: AuditChainHeadState) {}

  push(record: ChainedAuditRecord): void {
    this.count += 1;
    if (this.broken) return;
    const position = this.count;
    if (
      (record.seq !== undefined && record.seq !== position) ||
      Number.isNaN(record.at.getTime()) ||
      record.prevHash !== this.previousHash ||
      record.hash !== auditRecordHash(record.prevHash, record) ||
      (this.head !== undefined &&
        (position > this.head.records ||
          (position === this.head.records && record.hash !== this.head.lastHash)))
    ) {
      this.broken = true;
      this.brokenId = record.id;
      return;
    }
    this.previousHash = record.hash;
  }

  result(): AuditVerificationResult {
    const truncated = this.head !== undefined && this.count < this.head.records;
    return {
      ok: !this.broken && !truncated,
      records: this.count,
      firstBrokenId: this.brokenId,
    };
  }
}

/** Verifies records given in chain order (prevHash of record i is the hash of record i-1). */
export function verifyAuditChain(
  records: Iterable<ChainedAuditRecord>,
  head?: AuditChainHeadState,
): AuditVerificationResult {
  const verifier = new AuditChainVerifier(head);
  for (const record of records) verifier.push(record);
  return verifier.result();
}
