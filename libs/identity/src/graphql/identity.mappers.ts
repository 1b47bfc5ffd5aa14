import { EntrantEntity } from '../entrant/entrant.entity';
import { RegionEntity } from '../region/region.entity';
import { UserEntity } from '../user/user.entity';
import { EntrantModel, RegionModel, UserModel } from './identity.models';

export function toUserModel(user: UserEntity): UserModel {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    regionCode: user.regionCode,
    affiliationEntrantId: user.affiliationEntrantId,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt,
    entrantId: user.entrantId,
  };
}

export function toEntrantModel(entrant: EntrantEntity): EntrantModel {
  return {
    id: entrant.id,
    type: entrant.type,
    name: entrant.name,
    creditCode: entrant.creditCode,
    regionCode: entrant.regionCode,
    contactName: entrant.contactName,
    phone: entrant.phone,
  };
}

export function toRegionModel(region: RegionEntity): RegionModel {
  return { code: region.code, name: region.name };
}
