import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EntrantType, Role } from '../role';

registerEnumType(Role, { name: 'Role' });
registerEnumType(EntrantType, { name: 'EntrantType' });

@ObjectType('Region')
export class RegionModel {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Entrant')
export class EntrantModel {
  @Field(() => ID) id!: string;
  @Field(() => EntrantType) type!: EntrantType;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) creditCode!: string | null;
  @Field(() => String) regionCode!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) regionCode!: string | null;
  @Field(() => ID, { nullable: true }) affiliationEntrantId!: string | null;
  /** not a GraphQL field: resolved to `entrant` through the loader */
  entrantId!: string | null;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field(() => String) token!: string;
  @Field(() => UserModel) user!: UserModel;
}
