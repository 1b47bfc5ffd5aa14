export * from './audit-chain';
export * from './audit.errors';
export * from './audit-event-lookup';
export * from './audit-record.entity';
export * from './audit.entities';
export * from './audit.service';
export * from './audit.module';
export * from './audit-graphql.module';
export { AuditResolver } from './graphql/audit.resolver';
