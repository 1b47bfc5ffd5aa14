import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
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
  @Field(() => Boolean, {
    description: 'false once an organiser deactivated the account: it cannot sign in',
  })
  active!: boolean;
  @Field(() => Boolean, {
    description:
      'the password is a temporary one (a reset): the user must change it before anything else',
  })
  mustChangePassword!: boolean;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'the last successful sign-in; null if it never signed in',
  })
  lastSignInAt!: Date | null;
  /** not a GraphQL field: resolved to `entrant` through the loader */
  entrantId!: string | null;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field(() => String) token!: string;
  @Field(() => UserModel) user!: UserModel;
  @Field(() => Boolean, {
    description:
      'the password signed in with is a temporary one: until changePassword, the token is good for me, changePassword and signOut only (else FORBIDDEN / MUST_CHANGE_PASSWORD)',
  })
  mustChangePassword!: boolean;
}
