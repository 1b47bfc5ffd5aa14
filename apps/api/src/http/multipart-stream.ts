import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, Readable } from 'node:stream';
import { BadUserInput, DomainError } from '@app/core';
import { UploadReason } from './upload.errors';

export const fileTooLarge = (maxBytes: number) =>
  new DomainError(
    'BAD_USER_INPUT',
    'FILE_TOO_LARGE',
    `the file is larger than ${maxBytes} bytes`,
    { maxBytes },
    413,
  );

/** What the client said of the file (never trusted for its format). */
export interface FileInfo {
  fileName: string;
  declaredType: string;
}

/**
 * Hands the one file of a multipart/form-data body (field `field`) to `consume` as a stream,
 * never buffering it whole. Past `maxBytes` the stream fails with 413 FILE_TOO_LARGE and the
 * rest of the body is read and dropped, so the client gets its answer. When anything else is
 * wrong with the body once `consume` has finished (a second file), `undo` gets its result so
 * nothing stays stored, and the reason comes back as BAD_USER_INPUT.
 */
export function streamOneFile<T>(
  req: Request,
  field: string,
  maxBytes: number,
  consume: (file: Readable, info: FileInfo) => Promise<T>,
  undo: (result: T) => Promise<void>,
): Promise<T> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new BadUserInput(
        UploadReason.NOT_MULTIPART,
        `send the file as multipart/form-data in the field "${field}"`,
      ),
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 },
    });
  } catch {
    return Promise.reject(
      new BadUserInput(UploadReason.INVALID_MULTIPART, 'the multipart body has no boundary'),
    );
  }
  return new Promise<T>((resolve, reject) => {
    let work: Promise<T> | null = null;
    let current: PassThrough | null = null;
    let problem: DomainError | null = null;
    const fail = (error: DomainError) => (problem ??= error);

    parser.on('file', (name, file, { filename, mimeType }) => {
      if (name !== field) {
        fail(new BadUserInput(UploadReason.FILE_REQUIRED, `send the file in the field "${field}"`));
        file.resume();
        return;
      }
      if (work) {
        fail(
          new BadUserInput(UploadReason.TOO_MANY_FILES, `send one file, in the field "${field}"`),
        );
        file.resume();
        return;
      }
      // A pass-through between busboy and the consumer: when the consumer fails, busboy's own
      // stream is not destroyed, so draining it lets the parser reach the end of the body.
      const pass = new PassThrough();
      current = pass;
      // A body cut off mid-file fails busboy's file stream too; the parser's 'error' below
      // answers it. Unheard, that 'error' event would be an uncaught exception: the process dies.
      file.on('error', () => undefined);
      file.on('limit', () => {
        pass.destroy(fileTooLarge(maxBytes));
        file.resume();
      });
      file.pipe(pass);
      work = consume(pass, { fileName: filename ?? '', declaredType: mimeType });
      work.catch(() => file.resume());
    });
    parser.on('filesLimit', () =>
      fail(new BadUserInput(UploadReason.TOO_MANY_FILES, `send one file, in the field "${field}"`)),
    );
    parser.on('error', (error: Error) => {
      const failure = new BadUserInput(
        UploadReason.INVALID_MULTIPART,
        `the multipart body could not be read (${error.message})`,
      );
      current?.destroy(failure);
      req.unpipe(parser);
      req.resume();
      void settle(failure);
    });
    parser.on('close', () => void settle(null));

    let settled = false;
    const settle = async (failure: DomainError | null) => {
      if (settled) return;
      settled = true;
      const outcome = work
        ? await work.then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          )
        : null;
      const bodyProblem = failure ?? problem;
      if (outcome && 'error' in outcome) return reject(outcome.error);
      if (bodyProblem) {
        if (outcome) await undo(outcome.value);
        return reject(bodyProblem);
      }
      if (!outcome) {
        return reject(
          new BadUserInput(UploadReason.FILE_REQUIRED, `send the file in the field "${field}"`),
        );
      }
      resolve(outcome.value);
    };
    req.on('aborted', () =>
      current?.destroy(new BadUserInput(UploadReason.UPLOAD_ABORTED, 'the upload was cut off')),
    );
    req.pipe(parser);
  });
}
