import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { FileInfo } from './multipart-files';
import { streamOneFile } from './multipart-stream';

export interface UploadedFile extends FileInfo {
  bytes: Buffer;
}

/**
 * Reads exactly one file of a multipart/form-data body (field `field`) into memory, for files
 * read whole anyway (an import of at most `maxBytes`). The same reader as the streamed photo
 * uploads, so the refusals are the same (docs/errors.md): 413 FILE_TOO_LARGE, 400
 * FILE_REQUIRED / NOT_MULTIPART / TOO_MANY_FILES / INVALID_MULTIPART.
 */
export function readOneFile(req: Request, field: string, maxBytes: number): Promise<UploadedFile> {
  return streamOneFile(
    req,
    field,
    maxBytes,
    async (file: Readable, info: FileInfo) => {
      const chunks: Buffer[] = [];
      for await (const chunk of file) chunks.push(chunk as Buffer);
      return { ...info, bytes: Buffer.concat(chunks) };
    },
    // Nothing was stored: a refused body only drops the bytes read.
    async () => undefined,
  );
}
