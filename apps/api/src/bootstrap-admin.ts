import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, systemCtx } from '@app/core';
import { UserService } from '@app/identity';

/** Creates the admin of ADMIN_EMAIL / ADMIN_PASSWORD when none exists (API only, after migrating). */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly users: UserService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.users.ensureBootstrapAdmin(
      systemCtx('bootstrap'),
      this.config.adminEmail,
      this.config.adminPassword,
    );
  }
}
