import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, generatedJwtSecret } from '@app/core';
import { UserAdminLog } from './admin/user-admin-log.service';
import { UserAdminService } from './admin/user-admin.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { PasswordHasher } from './auth/password-hasher';
import { TokenRevocationService } from './auth/token-revocation.service';
import { TokenService } from './auth/token.service';
import { IDENTITY_ENTITIES } from './entities';
import { EntrantService } from './entrant/entrant.service';
import { IdentityHousekeeping } from './identity-housekeeping.service';
import { RegionService } from './region/region.service';
import { RegistrationThrottle } from './registration/registration-throttle.service';
import { UserService } from './user/user.service';

const SERVICES = [
  AuthService,
  LoginThrottle,
  PasswordHasher,
  TokenService,
  TokenRevocationService,
  RegistrationThrottle,
  IdentityHousekeeping,
  EntrantService,
  RegionService,
  UserService,
  UserAdminLog,
  UserAdminService,
];

/** Identity's services, for the API and the worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject made once: given the string, jsonwebtoken builds one on every verify
        // (about 1 ms of CPU per request here).
        const key = createSecretKey(Buffer.from(config.jwtSecret ?? generatedJwtSecret(), 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
