import { UserAdminRecordEntity } from './admin/user-admin-record.entity';
import { LoginFailureEntity } from './auth/login-failure.entity';
import { RevokedTokenEntity } from './auth/revoked-token.entity';
import { EntrantEntity } from './entrant/entrant.entity';
import { RegionEntity } from './region/region.entity';
import { RegistrationAttemptEntity } from './registration/registration-attempt.entity';
import { CreditCodeReleaseEntity } from './release/credit-code-release.entity';
import { UserEntity } from './user/user.entity';

export const IDENTITY_ENTITIES = [
  RegionEntity,
  EntrantEntity,
  UserEntity,
  LoginFailureEntity,
  RegistrationAttemptEntity,
  RevokedTokenEntity,
  CreditCodeReleaseEntity,
  UserAdminRecordEntity,
];

export { EntrantEntity, RegionEntity, UserEntity };
