import { leniencyChartData, signedPoints } from './leniency';

const judge = (name: string, leniency: number | null, coJudgedEntries = 4) => ({
  judge: { id: `id-${name}`, name },
  leniency,
  coJudgedEntries,
});

describe('leniencyChartData', () => {
  it('charts judges by name, the most lenient first, with a symmetric axis around 0', () => {
    const data = leniencyChartData([
      judge('王芳', -1.25),
      judge('李明', 2.5),
      judge('张伟', 0),
      judge('陈静', null, 0),
    ]);
    expect(data.charted.map((j) => [j.name, j.leniency])).toEqual([
      ['李明', 2.5],
      ['张伟', 0],
      ['王芳', -1.25],
    ]);
    expect(data.without).toEqual(['陈静']);
    expect(data.bound).toBe(5);
  });

  it('rounds the axis end up to 1, 2 or 5 × 10ⁿ, at least 1', () => {
    expect(leniencyChartData([judge('a', 0)]).bound).toBe(1);
    expect(leniencyChartData([judge('a', -0.4)]).bound).toBe(1);
    expect(leniencyChartData([judge('a', 1)]).bound).toBe(1);
    expect(leniencyChartData([judge('a', 1.001)]).bound).toBe(2);
    expect(leniencyChartData([judge('a', -12)]).bound).toBe(20);
    expect(leniencyChartData([judge('a', 50)]).bound).toBe(50);
    expect(leniencyChartData([]).bound).toBe(1);
  });

  it('writes a figure with its sign', () => {
    expect(signedPoints(1.25)).toBe('+1.25');
    expect(signedPoints(-0.5)).toBe('-0.5');
    expect(signedPoints(0)).toBe('0');
    expect(signedPoints(-0.0001)).toBe('0');
    expect(signedPoints(2.3333333)).toBe('+2.333');
  });
});
