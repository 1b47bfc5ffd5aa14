import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { RenditionSize } from '@app/media';
import { ImageStatus, RenditionSizeEnum } from '../image/image-status';

@ObjectType('Rendition')
export class RenditionModel {
  @Field(() => RenditionSizeEnum) size!: RenditionSize;
  @Field(() => String) format!: string;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => String, { description: 'served without a token; the key in it names nothing' })
  url!: string;
}

@ObjectType('Image')
export class ImageModel {
  @Field(() => ID) id!: string;
  @Field(() => ImageStatus) status!: ImageStatus;
  @Field(() => Int) position!: number;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => Int) bytes!: number;
  @Field(() => String) contentType!: string;
  @Field(() => String, { nullable: true }) failureReason!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'a tiny stand-in shown while the photo loads (a blurhash, or a #rrggbb colour)',
  })
  placeholder!: string | null;
  /** not a GraphQL field as such: `renditions` resolves through a loader */
  renditionsReady!: boolean;
}
