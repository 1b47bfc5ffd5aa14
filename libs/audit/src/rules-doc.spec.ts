import { createHash } from 'node:crypto';
import { rulesDocExample, rulesDocJson } from '../../../test/helpers/rules-doc';
import {
  auditRecordBody,
  auditRecordHash,
  ChainedAuditRecord,
  verifyAuditChain,
} from './audit-chain';

/** The §9 worked example of docs/judging-rules.md, recomputed with the audit chain's code. */
describe('judging-rules.md §9: the audit example', () => {
  const example = rulesDocJson<{
    records: {
      id: string;
      at: string;
      actorId: string | null;
      action: string;
      subjectType: string;
      subjectId: string;
      detail: string;
    }[];
    hashes: string[];
  }>('audit');
  const body = rulesDocExample('audit-body', 'text');
  const fields = example.records.map((r) => ({ ...r, at: new Date(r.at) }));

  it('writes `at` as the document does: ISO-8601 UTC with milliseconds', () => {
    expect(fields.map((f) => f.at.toISOString())).toEqual(example.records.map((r) => r.at));
  });

  it('gives each record the hash the document shows', () => {
    const chain: ChainedAuditRecord[] = [];
    for (const f of fields) {
      const prevHash = chain.length === 0 ? null : chain[chain.length - 1].hash;
      chain.push({ ...f, prevHash, hash: auditRecordHash(prevHash, f) });
    }
    expect(chain.map((r) => r.hash)).toEqual(example.hashes);
    expect(verifyAuditChain(chain).ok).toBe(true);
  });

  it('hashes the first record as the empty string followed by the canonical JSON shown', () => {
    expect(auditRecordBody(fields[0])).toBe(body);
    expect(createHash('sha256').update(`${body}`, 'utf8').digest('hex')).toBe(example.hashes[0]);
  });
});
