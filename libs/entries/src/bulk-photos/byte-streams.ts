import { Readable } from 'node:stream';

/** A stream that went past the bytes it may carry (`limited`). */
export class StreamTooLong extends Error {
  override readonly name = 'StreamTooLong';

  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/**
 * The first `count` bytes of a stream (fewer when it is shorter), and the whole stream again,
 * those bytes included, for the reader that decides by them (a ZIP, or a photo). Nothing more
 * than the first chunks is held.
 */
export async function peek(
  source: Readable,
  count: number,
): Promise<{ head: Buffer; whole: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let got = 0;
  let ended = false;
  while (got < count) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    first.push(next.value);
    got += next.value.length;
  }
  async function* again(): AsyncGenerator<Buffer> {
    try {
      yield* first;
      while (!ended) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopped early (refused): the source is let go, not left paused half read.
      if (!ended) await iterator.return?.();
    }
  }
  return {
    head: Buffer.concat(first).subarray(0, count),
    whole: Readable.from(again(), { objectMode: false }),
  };
}

/** The stream, failing with StreamTooLong at its first byte past `maxBytes`. */
export function limited(source: Readable, maxBytes: number): Readable {
  async function* counted(): AsyncGenerator<Buffer> {
    let total = 0;
    for await (const chunk of source) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new StreamTooLong(maxBytes);
      yield chunk as Buffer;
    }
  }
  return Readable.from(counted(), { objectMode: false });
}
