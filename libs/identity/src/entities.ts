import { LoginFailureEntity } from './auth/login-failure.entity';
import { EntrantEntity } from './entrant/entrant.entity';
import { RegionEntity } from './region/region.entity';
import { UserEntity } from './user/user.entity';

export const IDENTITY_ENTITIES = [RegionEntity, EntrantEntity, UserEntity, LoginFailureEntity];

export { EntrantEntity, RegionEntity, UserEntity };
