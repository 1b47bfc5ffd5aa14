import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { CreditCodeReleaseResolver } from './credit-code-release.resolver';
import { CreditCodeReleaseService } from './credit-code-release.service';
import { ENTRANT_ENTRIES, EntrantEntries } from './entrant-entries.port';

export interface CreditCodeReleaseOptions {
  /** Modules that export `useExisting`. */
  imports?: ModuleMetadata['imports'];
  /** The provider answering how many of an entrant's entries are in play (the entries lib's). */
  useExisting: Type<EntrantEntries>;
}

/**
 * `releaseCreditCode` and `creditCodeReleases`: the API only. Whether the holder's entries are
 * in play comes from above (identity may not import entries).
 */
@Module({})
export class CreditCodeReleaseModule {
  static register(options: CreditCodeReleaseOptions): DynamicModule {
    return {
      module: CreditCodeReleaseModule,
      imports: [IdentityModule, ...(options.imports ?? [])],
      providers: [
        CreditCodeReleaseService,
        CreditCodeReleaseResolver,
        { provide: ENTRANT_ENTRIES, useExisting: options.useExisting },
      ],
    };
  }
}
