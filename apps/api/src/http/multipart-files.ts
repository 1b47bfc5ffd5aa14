import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, Readable } from 'node:stream';
import { BadUserInput, DomainError } from '@app/core';
import { UploadReason } from './upload.errors';

/** What the client said of a file (never trusted for its format). */
export interface FileInfo {
  fileName: string;
  declaredType: string;
}

/** How `eachFile` reads a body. */
export interface FileReading<T> {
  /** Files a request at most: one more is TOO_MANY_FILES. */
  maxParts: number;
  /** Bytes a file at most: past them its stream fails with `tooLarge()`, the rest is dropped. */
  maxPartBytes: number;
  tooLarge: () => DomainError;
  /**
   * A file in another field than the one named: skipped (a form's other inputs), or refused
   * as FILE_REQUIRED (an endpoint that takes exactly one named file).
   */
  strayFiles: 'skip' | 'refuse';
  /** Folder names kept in a file's name (TC-01-4821/1.jpg), for matching; never a path. */
  keepFolders?: boolean;
  /**
   * When the request fails, what `consume` finished is taken back through `undo`, so nothing of
   * a refused body stays stored. Without it, what finished stays done (a bulk batch keeps each
   * photo received, and a re-sent batch skips them).
   */
  undo?: (result: T) => Promise<void>;
}

/**
 * The one multipart/form-data reader of the API. Hands every file of the body (field `field`)
 * to `consume`, one after the other as the body brings them, each as a stream: the next file is
 * not read before `consume` has finished with the one before, so a request of a thousand photos
 * holds one at a time and none is ever buffered whole. Answers what `consume` answered, in order.
 *
 * The refusals (docs/errors.md): NOT_MULTIPART, INVALID_MULTIPART (no boundary, a broken body),
 * FILE_REQUIRED (no file in the field), TOO_MANY_FILES, UPLOAD_ABORTED (the body cut off: the
 * file being read fails), and `tooLarge()`. When `consume` fails, its error is the answer; the
 * rest of the body is read and dropped either way, so the client gets that answer.
 */
export function eachFile<T>(
  req: Request,
  field: string,
  reading: FileReading<T>,
  consume: (file: Readable, info: FileInfo) => Promise<T>,
): Promise<T[]> {
  const one = reading.maxParts === 1;
  const sendIn = `send ${one ? 'the file' : 'the files'} in the field "${field}"`;
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new BadUserInput(UploadReason.NOT_MULTIPART, `${sendIn} of a multipart/form-data body`),
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      preservePath: reading.keepFolders === true,
      // Browsers send a file's name as raw UTF-8 (坭兴陶茶具.jpg), not in RFC 2231's form.
      defParamCharset: 'utf8',
      limits: {
        fileSize: reading.maxPartBytes,
        files: reading.maxParts,
        fields: 20,
        parts: reading.maxParts + 20,
      },
    });
  } catch {
    return Promise.reject(
      new BadUserInput(UploadReason.INVALID_MULTIPART, 'the multipart body has no boundary'),
    );
  }
  return new Promise<T[]>((resolve, reject) => {
    const results: T[] = [];
    let chain: Promise<void> = Promise.resolve();
    let current: PassThrough | null = null;
    // What went wrong with the body, and what `consume` threw: the latter is the answer.
    let bodyProblem: DomainError | null = null;
    let consumeError: unknown = null;
    const failed = () => bodyProblem !== null || consumeError !== null;
    let files = 0;

    parser.on('file', (name, file, { filename, mimeType }) => {
      // A file cut off mid-way fails busboy's stream too: heard here, answered below. Unheard,
      // that 'error' event would be an uncaught exception and the process would die.
      file.on('error', () => undefined);
      if (name !== field) {
        if (reading.strayFiles === 'refuse') {
          bodyProblem ??= new BadUserInput(UploadReason.FILE_REQUIRED, sendIn);
        }
        file.resume();
        return;
      }
      if (failed()) {
        file.resume();
        return;
      }
      files += 1;
      // A pass-through between busboy and the consumer: when the consumer fails, busboy's own
      // stream is not destroyed, so draining it lets the parser reach the end of the body.
      const pass = new PassThrough();
      file.on('limit', () => {
        pass.destroy(reading.tooLarge());
        file.unpipe(pass);
        file.resume();
      });
      // Waits its turn: busboy does not read past this part until its stream is drained.
      chain = chain.then(async () => {
        if (failed()) {
          file.resume();
          return;
        }
        current = pass;
        file.pipe(pass);
        try {
          results.push(await consume(pass, { fileName: filename ?? '', declaredType: mimeType }));
        } catch (error) {
          consumeError ??= error;
        } finally {
          current = null;
          file.unpipe(pass);
          pass.destroy();
          file.resume();
        }
      });
    });
    parser.on('filesLimit', () => {
      bodyProblem ??= one
        ? new BadUserInput(UploadReason.TOO_MANY_FILES, `send one file, in the field "${field}"`)
        : new BadUserInput(
            UploadReason.TOO_MANY_FILES,
            `send at most ${reading.maxParts} files a request`,
            { limit: reading.maxParts },
          );
    });
    parser.on('error', (error: Error) => {
      const broken = new BadUserInput(
        UploadReason.INVALID_MULTIPART,
        `the multipart body could not be read (${error.message})`,
      );
      bodyProblem ??= broken;
      current?.destroy(broken);
      req.unpipe(parser);
      req.resume();
      void settle();
    });
    parser.on('close', () => void settle());
    req.on('aborted', () => {
      const aborted = new BadUserInput(UploadReason.UPLOAD_ABORTED, 'the upload was cut off');
      bodyProblem ??= aborted;
      current?.destroy(aborted);
    });

    let settled = false;
    const settle = async () => {
      if (settled) return;
      settled = true;
      await chain;
      const failure =
        consumeError ??
        bodyProblem ??
        (files === 0 ? new BadUserInput(UploadReason.FILE_REQUIRED, sendIn) : null);
      if (failure === null) return resolve(results);
      if (reading.undo) {
        for (const result of results) await reading.undo(result);
      }
      reject(failure);
    };
    req.pipe(parser);
  });
}
