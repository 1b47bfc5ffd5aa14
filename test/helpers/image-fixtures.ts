import sharp from 'sharp';
import type { TestApp } from './test-app';

/** A small real JPEG, made once; `seed` varies its colour so bytes differ. */
const made = new Map<number, Promise<Buffer>>();
export function testJpeg(seed = 0, width = 64, height = 48): Promise<Buffer> {
  const key = seed * 1e8 + width * 1e4 + height;
  if (!made.has(key)) {
    made.set(
      key,
      sharp({
        create: {
          width,
          height,
          channels: 3,
          background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 120 },
        },
      })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
  }
  return made.get(key)!;
}

/** POST /api/entries/{entryId}/images with one file in the field `file`. */
export function uploadImage(
  app: TestApp,
  entryId: string,
  bytes: Buffer,
  token?: string,
  fileName = 'photo.jpg',
) {
  const req = app.http().post(`/api/entries/${entryId}/images`);
  if (token) req.set('authorization', `Bearer ${token}`);
  return req.attach('file', bytes, { filename: fileName, contentType: 'image/jpeg' });
}

/** Adds a photo to an entry, as a user would before submitting it; throws when refused. */
export async function attachPhoto(
  app: TestApp,
  entryId: string,
  token: string,
  seed = 0,
): Promise<string> {
  const res = await uploadImage(app, entryId, await testJpeg(seed), token);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`photo refused (${res.status}): ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}

/** A PNG whose header claims `width` × `height` pixels over a few bytes of data: a bomb. */
export function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.alloc(64)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
