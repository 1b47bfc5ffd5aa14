/**
 * Starts `count` calls of `start` at the same moment and waits for all of them to settle.
 *
 * Every call is prepared first and held behind one gate; the gate opens once, so the requests
 * leave together and race for real on the server, which a loop of awaits never does. Use it to
 * test that a limit ("at most 8 photos", "10 objections an hour", "one per") holds under
 * concurrency. Answers are settled results, in the order the calls were made.
 */
export async function together<T>(
  count: number,
  start: (index: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const calls = Array.from({ length: count }, (_, index) => gate.then(() => start(index)));
  open();
  return Promise.allSettled(calls);
}

/** The fulfilled values of `together`'s answers; throws the first rejection, if any. */
export function fulfilled<T>(answers: readonly PromiseSettledResult<T>[]): T[] {
  return answers.map((answer) => {
    if (answer.status === 'rejected') throw answer.reason;
    return answer.value;
  });
}
