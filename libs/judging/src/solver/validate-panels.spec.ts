import { AssignmentInputError } from './errors';
import { PanelInput } from './types';
import { validatePanels } from './validate-panels';

const judges = ['A', 'B', 'C'].map((id) => ({ id }));
const panel = (id: string, categoryIds: string[], judgeIds: string[]): PanelInput => ({
  id,
  categoryIds,
  judgeIds,
});

function refusal(panels: PanelInput[]): AssignmentInputError {
  try {
    validatePanels(panels, judges);
  } catch (error) {
    expect(error).toBeInstanceOf(AssignmentInputError);
    return error as AssignmentInputError;
  }
  throw new Error('no error');
}

describe('validatePanels', () => {
  it('accepts panels with disjoint categories, a judge on two panels, a panel of one', () => {
    expect(() =>
      validatePanels([panel('p1', ['c1', 'c2'], ['A', 'B']), panel('p2', ['c3'], ['B'])], judges),
    ).not.toThrow();
    expect(() => validatePanels([], judges)).not.toThrow();
  });

  it('refuses a leaf category covered by two panels, naming both', () => {
    const error = refusal([panel('p1', ['c1', 'c2'], ['A']), panel('p2', ['c3', 'c2'], ['B'])]);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.reason).toBe('CATEGORY_IN_TWO_PANELS');
    expect(error.details).toEqual({ categoryId: 'c2', panelId: 'p1', otherPanelId: 'p2' });
  });

  it('gives the same error whatever the order of the panels', () => {
    const panels = [panel('p2', ['c2'], ['B']), panel('p1', ['c2'], ['A'])];
    expect(refusal(panels).details).toEqual(refusal([...panels].reverse()).details);
  });

  it.each([
    ['EMPTY_PANEL', [panel('p1', ['c1'], [])]],
    ['PANEL_WITHOUT_CATEGORIES', [panel('p1', [], ['A'])]],
    ['UNKNOWN_JUDGE', [panel('p1', ['c1'], ['A', 'Z'])]],
    ['DUPLICATE_IN_PANEL', [panel('p1', ['c1'], ['A', 'B', 'A'])]],
    ['DUPLICATE_IN_PANEL', [panel('p1', ['c1', 'c1'], ['A'])]],
    ['DUPLICATE_ID', [panel('p1', ['c1'], ['A']), panel('p1', ['c2'], ['B'])]],
  ])('refuses %s', (reason, panels) => {
    expect(refusal(panels).reason).toBe(reason);
  });
});
