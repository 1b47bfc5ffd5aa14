import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import {
  CertificateData,
  DocumentFonts,
  renderCertificate,
  renderResultList,
  ResultListData,
} from '@app/documents';
import { STORAGE_DRIVER, StorageDriver, StorageNotFound } from '@app/storage';
import { DOCUMENT_TIME_ZONE, DocumentContent } from './document-content';
import { PublicationDocumentEntity, PublicationDocumentKind } from './publication-document.entity';

/** A document of a publication, as content to draw (document-content.ts). */
export type AnyDocumentContent = DocumentContent<CertificateData> | DocumentContent<ResultListData>;

/** Stored documents of a publication, by `kind entryCode`. */
export type StoredRows = Map<string, PublicationDocumentEntity>;

export const rowKey = (kind: PublicationDocumentKind, entryCode: string) => `${kind} ${entryCode}`;

/**
 * A publication's documents in storage: the one stored for a content when there is one (its row
 * names the file and the hash it was drawn from), drawn and stored otherwise. The worker's job
 * fills the store ahead; a request that comes first draws the document itself, as before, and
 * stores it for the next. A file is content-addressed (its key holds the hash), so two drawing
 * the same document at once write the same bytes to the same key.
 */
@Injectable()
export class StoredDocuments {
  private readonly logger = new Logger(StoredDocuments.name);
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly fonts: DocumentFonts,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
  }

  /** PUBLIC_URL, which the certificates' QR codes hold (and so their hashes). */
  get url(): string {
    return this.publicUrl;
  }

  /** Every stored document of a publication (one statement). */
  async rowsOf(ctx: RequestCtx, publicationId: string): Promise<StoredRows> {
    const rows = await repo(this.dataSource, ctx, PublicationDocumentEntity).findBy({
      publicationId,
    });
    return new Map(rows.map((r) => [rowKey(r.kind, r.entryCode), r]));
  }

  async rowOf(
    ctx: RequestCtx,
    publicationId: string,
    kind: PublicationDocumentKind,
    entryCode: string,
  ): Promise<PublicationDocumentEntity | null> {
    return repo(this.dataSource, ctx, PublicationDocumentEntity).findOneBy({
      publicationId,
      kind,
      entryCode,
    });
  }

  /** Whether the row holds this content (its file may still have gone: see `storedStream`). */
  static holds(row: PublicationDocumentEntity | null | undefined, content: AnyDocumentContent) {
    return row?.contentHash === content.hash && row.storageKey === content.storageKey;
  }

  /** The stored file of this content, or null when it is not stored (or its file has gone). */
  async storedStream(
    row: PublicationDocumentEntity | null | undefined,
    content: AnyDocumentContent,
  ): Promise<Readable | null> {
    if (!StoredDocuments.holds(row, content)) return null;
    try {
      return await this.storage.get(content.storageKey);
    } catch (error) {
      if (error instanceof StorageNotFound) return null;
      throw error;
    }
  }

  /** The document's bytes: the stored file, or drawn now (and stored). */
  async bytes(
    ctx: RequestCtx,
    publicationId: string,
    content: AnyDocumentContent,
    row?: PublicationDocumentEntity | null,
  ): Promise<{ bytes: Buffer; stored: boolean }> {
    const known =
      row === undefined
        ? await this.rowOf(ctx, publicationId, content.kind, content.entryCode)
        : row;
    const stream = await this.storedStream(known, content);
    if (stream) return { bytes: await readAll(stream), stored: true };
    return { bytes: await this.renderAndStore(ctx, publicationId, content, known), stored: false };
  }

  /** The document's bytes as a stream (the stored file) or drawn now and stored (the ZIP). */
  async streamOrBytes(
    ctx: RequestCtx,
    publicationId: string,
    content: AnyDocumentContent,
    row: PublicationDocumentEntity | null | undefined,
  ): Promise<Readable | Buffer> {
    return (
      (await this.storedStream(row, content)) ??
      this.renderAndStore(ctx, publicationId, content, row ?? null)
    );
  }

  /** Whether the content's file is stored under its row (the job's check before skipping it). */
  async isStored(
    row: PublicationDocumentEntity | null | undefined,
    content: AnyDocumentContent,
  ): Promise<boolean> {
    return (
      StoredDocuments.holds(row, content) && (await this.storage.stat(content.storageKey)) !== null
    );
  }

  /**
   * Draws the document, stores its file, then points its row at it; the file the row named
   * before (another content: the award revoked since, an older template) is deleted after.
   */
  async renderAndStore(
    ctx: RequestCtx,
    publicationId: string,
    content: AnyDocumentContent,
    previous: PublicationDocumentEntity | null,
  ): Promise<Buffer> {
    const bytes = await this.render(content);
    await this.store(ctx, publicationId, content, bytes, previous);
    return bytes;
  }

  /** Stores drawn bytes: the file, then the row that points at it (see renderAndStore). */
  async store(
    ctx: RequestCtx,
    publicationId: string,
    content: AnyDocumentContent,
    bytes: Buffer,
    previous: PublicationDocumentEntity | null,
  ): Promise<void> {
    await this.storage.put(content.storageKey, bytes);
    await repo(this.dataSource, ctx, PublicationDocumentEntity).upsert(
      {
        publicationId,
        kind: content.kind,
        entryCode: content.entryCode,
        contentHash: content.hash,
        storageKey: content.storageKey,
        bytes: bytes.length,
        renderedAt: new Date(),
      },
      ['publicationId', 'kind', 'entryCode'],
    );
    if (previous && previous.storageKey !== content.storageKey) {
      await this.storage.delete(previous.storageKey).catch((error: Error) => {
        this.logger.warn(`could not delete ${previous.storageKey}: ${error.message}`);
      });
    }
  }

  /** Draws the document (CPU only: nothing is read or written). */
  render(content: AnyDocumentContent): Promise<Buffer> {
    if (content.kind === PublicationDocumentKind.CERTIFICATE) {
      return renderCertificate(this.fonts, content.data as CertificateData, {
        publicUrl: this.publicUrl,
        timeZone: DOCUMENT_TIME_ZONE,
      });
    }
    return renderResultList(this.fonts, content.data as ResultListData, {
      timeZone: DOCUMENT_TIME_ZONE,
    });
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
