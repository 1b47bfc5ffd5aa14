import { ColumnOptions, PrimaryColumnOptions } from 'typeorm';

/**
 * Column shapes used by every entity, so the schema builder and the migrations agree.
 * MariaDB stores `CURRENT_TIMESTAMP(3)` defaults differently from what TypeORM generates for
 * `precision: 3` alone, hence the explicit default (stack-notes pitfall 3).
 */
export const uuidColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'char',
  length: 36,
  nullable,
});

export const uuidPrimaryColumn: PrimaryColumnOptions = { name: 'id', type: 'char', length: 36 };

export const createdAtColumn: ColumnOptions = {
  name: 'created_at',
  type: 'datetime',
  precision: 3,
  default: () => 'CURRENT_TIMESTAMP(3)',
};

export const updatedAtColumn: ColumnOptions = {
  name: 'updated_at',
  type: 'datetime',
  precision: 3,
  default: () => 'CURRENT_TIMESTAMP(3)',
  onUpdate: 'CURRENT_TIMESTAMP(3)',
};
