import { fulfilled, together } from './together';

describe('together', () => {
  it('starts every call before any of them finishes', async () => {
    const started: number[] = [];
    const finishedBeforeAllStarted: number[] = [];
    const answers = await together(20, async (index) => {
      started.push(index);
      await new Promise((resolve) => setImmediate(resolve));
      if (started.length < 20) finishedBeforeAllStarted.push(index);
      return index * 2;
    });
    expect(started).toHaveLength(20);
    expect(finishedBeforeAllStarted).toEqual([]);
    expect(fulfilled(answers)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('keeps a rejection as a settled answer and fulfilled() throws it', async () => {
    const answers = await together(3, async (index) => {
      if (index === 1) throw new Error('refused');
      return index;
    });
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(() => fulfilled(answers)).toThrow('refused');
  });
});
