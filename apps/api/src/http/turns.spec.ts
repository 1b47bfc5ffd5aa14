import { Turns } from './turns';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Turns', () => {
  it('runs at most `size` tasks at once, the others in the order they came', async () => {
    const turns = new Turns(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const results = [0, 1, 2, 3, 4].map((i) =>
      turns.run(async () => {
        started.push(i);
        await new Promise<void>((resolve) => (finish[i] = resolve));
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(turns.load).toBe(5);
    finish[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[0]();
    finish[2]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]();
    finish[4]();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(turns.load).toBe(0);
  });

  it('passes the turn on when a task fails', async () => {
    const turns = new Turns(1);
    const failed = turns.run(async () => {
      throw new Error('refused');
    });
    const next = turns.run(async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next');
    expect(turns.load).toBe(0);
  });
});
