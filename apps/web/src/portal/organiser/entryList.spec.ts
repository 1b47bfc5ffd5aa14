import { listVariables, NO_CHOICE, refusalLines, screenable, toggled, withPage } from './entryList';

describe('the entry list', () => {
  it('sends only what was chosen, the search trimmed, the sort always', () => {
    expect(listVariables(NO_CHOICE)).toEqual({
      filter: {},
      sort: { key: 'FILED', descending: false },
    });
    expect(
      listVariables({
        search: '  坭兴陶 ',
        categoryId: 'c1',
        regionCode: '450100',
        status: 'SUBMITTED',
        sortKey: 'CODE',
        descending: true,
      }),
    ).toEqual({
      filter: { search: '坭兴陶', categoryId: 'c1', regionCode: '450100', status: 'SUBMITTED' },
      sort: { key: 'CODE', descending: true },
    });
    expect(listVariables({ ...NO_CHOICE, search: '   ' }).filter).toEqual({});
  });

  it('selects one entry or a whole page, keeping the rest of the selection', () => {
    const one = toggled(new Set(), 'a');
    expect([...one]).toEqual(['a']);
    expect([...toggled(one, 'a')]).toEqual([]);
    const page = withPage(new Set(['z']), ['a', 'b'], true);
    expect([...page].sort()).toEqual(['a', 'b', 'z']);
    expect([...withPage(page, ['a', 'b'], false)]).toEqual(['z']);
  });

  it('lets only a submitted entry be selected for screening', () => {
    expect(screenable({ status: 'SUBMITTED' })).toBe(true);
    for (const status of ['DRAFT', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'DISQUALIFIED'] as const)
      expect(screenable({ status })).toBe(false);
  });

  it('words each entry a bulk screening left, with its status, in the user’s language', () => {
    const refused = [
      {
        entryId: 'e1',
        code: 'CONFLICT',
        reason: 'INVALID_TRANSITION',
        status: 'ACCEPTED' as const,
      },
      { entryId: 'e2', code: 'NOT_FOUND', reason: 'ENTRY_NOT_FOUND', status: null },
    ];
    const names = (id: string) => (id === 'e1' ? 'TC-01-0001 茶具' : '花瓶');
    expect(refusalLines('zh-CN', refused, names)).toEqual([
      'TC-01-0001 茶具：只有已提交的作品可以审核（现为已通过）',
      '花瓶：找不到这件作品',
    ]);
    const en = refusalLines('en', refused, names);
    expect(en[0]).toBe('TC-01-0001 茶具: Only submitted entries can be screened (now Accepted)');
    expect(en.join(' ')).not.toMatch(/INVALID_TRANSITION|ENTRY_NOT_FOUND|CONFLICT/);
  });
});
