import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { CATEGORY_USAGE, CategoryUsage } from '@app/events';
import { EntryEntity } from './entry.entity';

/** Answers the events domain's CategoryUsage port: whether entries sit in a category. */
@Injectable()
export class CategoryUsageAdapter implements CategoryUsage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  hasEntries(ctx: RequestCtx, categoryId: string): Promise<boolean> {
    return repo(this.dataSource, ctx, EntryEntity).existsBy({ categoryId });
  }
}

/** Global, so the events module (below entries) can inject the port without importing entries. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EntryEntity])],
  providers: [CategoryUsageAdapter, { provide: CATEGORY_USAGE, useExisting: CategoryUsageAdapter }],
  exports: [CATEGORY_USAGE],
})
export class EntriesPortsModule {}
