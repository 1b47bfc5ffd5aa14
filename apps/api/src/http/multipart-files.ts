import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, Readable } from 'node:stream';
import { BadUserInput, DomainError } from '@app/core';
import { FileInfo } from './multipart-stream';
import { UploadReason } from './upload.errors';

/**
 * Hands every file of a multipart/form-data body (field `field`) to `consume`, one after the
 * other as the body brings them, each as a stream: the next file is not read before `consume`
 * has finished with the one before, so a request of a thousand photos holds one at a time.
 * Answers what `consume` answered, in order. Files in other fields are skipped; a body without
 * a file is FILE_REQUIRED. A part past `maxPartBytes` fails its stream with `tooLarge()` and
 * the rest of it is dropped. A body cut off fails the file being read with UPLOAD_ABORTED and
 * rejects; what `consume` finished before stays done (the caller's files are kept one by one).
 */
export function eachFile<T>(
  req: Request,
  field: string,
  limits: { maxParts: number; maxPartBytes: number },
  tooLarge: () => DomainError,
  consume: (file: Readable, info: FileInfo) => Promise<T>,
): Promise<T[]> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new BadUserInput(
        UploadReason.NOT_MULTIPART,
        `send the files as multipart/form-data in the field "${field}"`,
      ),
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Folders keep their names (TC-01-4821/1.jpg): matching may read them. Never a path.
      preservePath: true,
      // Browsers send a file's name as raw UTF-8 (坭兴陶茶具.jpg), not in RFC 2231's form.
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.maxPartBytes,
        files: limits.maxParts,
        fields: 20,
        parts: limits.maxParts + 20,
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
    let failure: unknown = null;
    let files = 0;

    parser.on('file', (name, file, { filename, mimeType }) => {
      // A file cut off mid-way fails busboy's stream too: heard here, answered below.
      file.on('error', () => undefined);
      if (name !== field || failure) {
        file.resume();
        return;
      }
      files += 1;
      const pass = new PassThrough();
      file.on('limit', () => {
        pass.destroy(tooLarge());
        file.unpipe(pass);
        file.resume();
      });
      // Waits its turn: busboy does not read past this part until its stream is drained.
      chain = chain.then(async () => {
        if (failure) {
          file.resume();
          return;
        }
        current = pass;
        file.pipe(pass);
        try {
          results.push(await consume(pass, { fileName: filename ?? '', declaredType: mimeType }));
        } catch (error) {
          failure ??= error;
        } finally {
          current = null;
          file.unpipe(pass);
          pass.destroy();
          file.resume();
        }
      });
    });
    parser.on('filesLimit', () => {
      failure ??= new BadUserInput(
        UploadReason.TOO_MANY_FILES,
        `send at most ${limits.maxParts} files a request`,
        { limit: limits.maxParts },
      );
    });
    parser.on('error', (error: Error) => {
      const broken = new BadUserInput(
        UploadReason.INVALID_MULTIPART,
        `the multipart body could not be read (${error.message})`,
      );
      failure ??= broken;
      current?.destroy(broken);
      req.unpipe(parser);
      req.resume();
      void settle();
    });
    parser.on('close', () => void settle());
    req.on('aborted', () => {
      const aborted = new BadUserInput(UploadReason.UPLOAD_ABORTED, 'the upload was cut off');
      failure ??= aborted;
      current?.destroy(aborted);
    });

    let settled = false;
    const settle = async () => {
      if (settled) return;
      settled = true;
      await chain;
      if (failure) return reject(failure);
      if (files === 0) {
        return reject(
          new BadUserInput(UploadReason.FILE_REQUIRED, `send the files in the field "${field}"`),
        );
      }
      resolve(results);
    };
    req.pipe(parser);
  });
}
