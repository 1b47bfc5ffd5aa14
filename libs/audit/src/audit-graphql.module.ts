import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { AUDIT_EVENT_LOOKUP, AuditEventLookup } from './audit-event-lookup';
import { AuditModule } from './audit.module';
import { AuditResolver } from './graphql/audit.resolver';

export interface AuditGraphqlOptions {
  /** Modules that export `useExisting`. */
  imports?: ModuleMetadata['imports'];
  /** The provider answering whether an event exists (the events lib's). */
  useExisting: Type<AuditEventLookup>;
}

/** Resolvers: the API only. The event lookup comes from above (audit may not import events). */
@Module({})
export class AuditGraphqlModule {
  static register(options: AuditGraphqlOptions): DynamicModule {
    return {
      module: AuditGraphqlModule,
      imports: [AuditModule, ...(options.imports ?? [])],
      providers: [AuditResolver, { provide: AUDIT_EVENT_LOOKUP, useExisting: options.useExisting }],
    };
  }
}
