import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { BadUserInput, DomainError } from '@app/core';

export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  declaredType: string;
}

/**
 * Reads exactly one file from a multipart/form-data body, field `field`, into memory, with a
 * byte limit. Each failure is the client's and says which (docs/errors.md): 413
 * FILE_TOO_LARGE, 400 FILE_REQUIRED / NOT_MULTIPART / TOO_MANY_FILES.
 */
export function readOneFile(
  req: Request,
  res: Response,
  field: string,
  maxBytes: number,
): Promise<UploadedFile> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new BadUserInput(
        'NOT_MULTIPART',
        `send the file as multipart/form-data in the field "${field}"`,
      ),
    );
  }
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 },
  }).single(field);
  return new Promise((resolve, reject) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new DomainError(
              'BAD_USER_INPUT',
              'FILE_TOO_LARGE',
              `the file is larger than ${maxBytes} bytes`,
              { maxBytes },
              413,
            ),
          );
        }
        if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
          return reject(
            new BadUserInput('TOO_MANY_FILES', `send one file, in the field "${field}"`),
          );
        }
        return reject(
          new BadUserInput(
            'INVALID_MULTIPART',
            `the multipart body could not be read (${error.code})`,
          ),
        );
      }
      if (error)
        return reject(
          new BadUserInput('INVALID_MULTIPART', 'the multipart body could not be read'),
        );
      const file = (req as Request & { file?: Express.Multer.File }).file;
      if (!file)
        return reject(new BadUserInput('FILE_REQUIRED', `send the file in the field "${field}"`));
      resolve({ bytes: file.buffer, fileName: file.originalname, declaredType: file.mimetype });
    });
  });
}
