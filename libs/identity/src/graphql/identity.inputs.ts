import { Field, ID, InputType } from '@nestjs/graphql';
import { EntrantType, Role } from '../role';

@InputType('RegisterEntrantInput')
export class RegisterEntrantInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String) name!: string;
  @Field(() => EntrantType) type!: EntrantType;
  @Field(() => String, { nullable: true }) creditCode?: string | null;
  @Field(() => String) regionCode!: string;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => ID, { nullable: true }) affiliationEntrantId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'the user must change this password at its first sign-in (default false)',
  })
  mustChangePassword?: boolean | null;
}

@InputType('RegionInput')
export class RegionInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}
