import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { mustBeUuid, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { UserAdminAction } from './user-admin-action';
import { UserAdminRecordEntity } from './user-admin-record.entity';

/** How many records `userAdminRecords` answers at most, newest first. */
export const USER_ADMIN_RECORDS_LISTED = 200;

/** The record of user administration (`user_admin_records`): written with each change, read by organisers. */
@Injectable()
export class UserAdminLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an act in the ctx's transaction, so it commits (or not) with the change itself. */
  async record(
    ctx: RequestCtx,
    userId: string,
    actorId: string,
    action: UserAdminAction,
    at: Date,
  ): Promise<UserAdminRecordEntity> {
    const record = Object.assign(new UserAdminRecordEntity(), {
      id: randomUUID(),
      userId,
      actorId,
      action,
      at,
    });
    await repo(this.dataSource, ctx, UserAdminRecordEntity).insert(record);
    return record;
  }

  /** The records, of one user or of all, newest first (the latest USER_ADMIN_RECORDS_LISTED). */
  list(ctx: RequestCtx, userId: string | null): Promise<UserAdminRecordEntity[]> {
    return repo(this.dataSource, ctx, UserAdminRecordEntity).find({
      where: userId === null ? {} : { userId: mustBeUuid(userId, 'user') },
      order: { at: 'DESC', id: 'ASC' },
      take: USER_ADMIN_RECORDS_LISTED,
    });
  }
}
