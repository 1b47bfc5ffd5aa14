import { formatOf, photoProblem, UPLOAD_MAX_BYTES } from './files';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

/** A File stand-in: photoProblem reads only size and slice().arrayBuffer(). */
const file = (content: Uint8Array, size = content.length) =>
  ({
    size,
    slice: (from: number, to: number) => ({
      arrayBuffer: async () => content.slice(from, to).buffer,
    }),
  }) as unknown as File;

describe('the photo checks made before sending', () => {
  it('knows the four formats the server takes by their first bytes, and nothing else', () => {
    expect(formatOf(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(formatOf(bytes([0x89], 'PNG\r\n\x1a\n'))).toBe('png');
    expect(formatOf(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(formatOf(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBe('avif');
    expect(formatOf(bytes([0, 0, 0, 0x1c], 'ftypheic'))).toBeNull();
    expect(formatOf(bytes('GIF89a'))).toBeNull();
    expect(formatOf(bytes('<svg xmlns='))).toBeNull();
    expect(formatOf(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull();
  });

  it('refuses empty and oversized files without reading them, and a wrong format', async () => {
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(await photoProblem(file(jpeg))).toBeNull();
    expect(await photoProblem(file(jpeg, UPLOAD_MAX_BYTES))).toBeNull();
    expect(await photoProblem(file(jpeg, UPLOAD_MAX_BYTES + 1))).toBe('TOO_LARGE');
    expect(await photoProblem(file(new Uint8Array()))).toBe('EMPTY');
    expect(await photoProblem(file(bytes('GIF89a')))).toBe('UNSUPPORTED_FORMAT');
  });
});
