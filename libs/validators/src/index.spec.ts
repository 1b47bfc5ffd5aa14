import * as validators from '@app/validators';

describe('@app/validators public surface', () => {
  it('exposes the validators', () => {
    expect(validators.isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(validators.creditCodeProblem('91350100M000100Y44')).toBe('CHECK_CHARACTER');
    expect(validators.completeCreditCode('91350100M000100Y')).toBe('91350100M000100Y43');
    expect(validators.isValidPatentNumber(validators.normalisePatentNumber(' zl98123456.9'))).toBe(
      true,
    );
    expect(validators.patentCheckCharacter('201310123456')).toBe('2');
    expect(validators.isValidRegionCode('450100')).toBe(true);
    expect(validators.provinceOf('450103')).toBe('450000');
    expect(validators.GUANGXI_CITIES).toHaveLength(14);
  });

  it('has no default export', () => {
    expect(Object.keys(validators)).not.toContain('default');
  });
});
