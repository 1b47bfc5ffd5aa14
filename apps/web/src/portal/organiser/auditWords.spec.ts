import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, translator } from '../../i18n';
import {
  actionWords,
  AUDIT_ACTIONS,
  AUDIT_SUBJECTS,
  readableDetail,
  shortId,
  subjectWords,
} from './auditWords';

const ROOT = join(__dirname, '../../../../..');

/** The libraries' source files, tests left out. */
function sources(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') sources(path, into);
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|e2e-spec|int-spec)\.ts$/.test(entry.name)) {
      into.push(path);
    }
  }
  return into;
}

/** What the server audits: every `action: '…'` (or `? '…' : '…'`) next to an audit write. */
function auditedActions(): { actions: Set<string>; subjects: Set<string> } {
  const actions = new Set<string>();
  const subjects = new Set<string>();
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    for (const file of sources(join(ROOT, 'libs', lib, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, line] of text.matchAll(/\baction: ([^\n]+)/g)) {
        for (const [, name] of line.matchAll(/'([a-z]+\.[a-z-]+)'/g)) actions.add(name);
      }
      // EntryStore.move names the action as an argument: move(tx, entry, STATUS, 'entry.x', …)
      for (const [, name] of text.matchAll(/\.move\([^)]*?'([a-z]+\.[a-z-]+)'/g)) actions.add(name);
      for (const [, type] of text.matchAll(/\bsubjectType: '(\w+)'/g)) subjects.add(type);
    }
  }
  return { actions, subjects };
}

describe('the audit log in words', () => {
  const { actions, subjects } = auditedActions();

  it('finds the actions the server writes (the scan still works)', () => {
    expect(actions).toContain('entry.accepted');
    expect(actions).toContain('round.topped-up');
    expect(actions.size).toBeGreaterThan(25);
    expect(subjects).toContain('Entry');
  });

  it('lists every action and subject the server writes, each in both languages', () => {
    expect([...actions].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual(
      [],
    );
    expect([...subjects].filter((s) => !(AUDIT_SUBJECTS as readonly string[]).includes(s))).toEqual(
      [],
    );
    for (const locale of Object.keys(LOCALES) as Array<keyof typeof LOCALES>) {
      const t = translator(locale);
      const other = t('auditActionOther');
      for (const action of AUDIT_ACTIONS)
        expect([action, actionWords(t, action)]).not.toEqual([action, other]);
      for (const subject of AUDIT_SUBJECTS) {
        expect([subject, subjectWords(t, subject)]).not.toEqual([subject, t('auditSubjectOther')]);
      }
    }
  });

  it('says an action or subject it does not know in words, never as the key', () => {
    const t = translator('zh-CN');
    expect(actionWords(t, 'entry.accepted')).toBe('审核通过');
    expect(actionWords(t, 'round.topped-up')).toBe('补充分配评委');
    expect(actionWords(t, 'robot.arrived')).toBe('其他操作');
    expect(subjectWords(translator('en'), 'Spaceship')).toBe('Other');
  });

  it('indents the JSON detail, and shows what is not JSON as it is', () => {
    expect(readableDetail('{"code":"TC-01-0001","reason":null}')).toBe(
      '{\n  "code": "TC-01-0001",\n  "reason": null\n}',
    );
    expect(readableDetail('not json')).toBe('not json');
  });

  it('shortens ids made in the same minute to different codes', () => {
    // two assignments of one round, as the demo makes them (UUIDv7: time first)
    const one = shortId('01a24fe9-3e8a-7000-9ade-6675649f56a2');
    const two = shortId('01a24fe9-3e8a-7001-8435-c18ce321f695');
    expect(one).toBe('649f56a2');
    expect(two).not.toBe(one);
    expect(shortId('001aa218-7915-4a3a-98a8-0515919ea671')).toMatch(/^[0-9a-f]{8}$/);
  });
});
