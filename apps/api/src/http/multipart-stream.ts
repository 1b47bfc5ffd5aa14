import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { DomainError } from '@app/core';
import { eachFile, FileInfo } from './multipart-files';

export const fileTooLarge = (maxBytes: number) =>
  new DomainError(
    'BAD_USER_INPUT',
    'FILE_TOO_LARGE',
    `the file is larger than ${maxBytes} bytes`,
    { maxBytes },
    413,
  );

/**
 * Hands the one file of a multipart/form-data body (field `field`) to `consume` as a stream,
 * never buffering it whole: `eachFile` with one part. Past `maxBytes` the stream fails with 413
 * FILE_TOO_LARGE and the rest of the body is read and dropped, so the client gets its answer.
 * When anything else is wrong with the body once `consume` has finished (a second file, a file
 * in another field), `undo` gets its result so nothing stays stored.
 */
export async function streamOneFile<T>(
  req: Request,
  field: string,
  maxBytes: number,
  consume: (file: Readable, info: FileInfo) => Promise<T>,
  undo: (result: T) => Promise<void>,
): Promise<T> {
  const [only] = await eachFile(
    req,
    field,
    {
      maxParts: 1,
      maxPartBytes: maxBytes,
      tooLarge: () => fileTooLarge(maxBytes),
      strayFiles: 'refuse',
      undo,
    },
    consume,
  );
  return only;
}
