import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AuditRecordModel } from '@app/audit';
import { AwardTierModel } from '@app/judging';
import {
  CertificateStatus,
  ObjectionStatus,
  PublicationDocumentsStatus,
  PublicationStatus,
  RevocationCause,
} from '../publication-enums';

@ObjectType('AwardRevocation', {
  description:
    'an award revoked after its publication (judging-rules.md §8): the published item stays as it was, and nobody moves up',
})
export class AwardRevocationModel {
  @Field(() => GraphQLISODateTime) revokedAt!: Date;
  @Field(() => String, {
    description: 'public: shown beside the item and on the certificate check',
  })
  reason!: string;
  @Field(() => RevocationCause) cause!: RevocationCause;
}

@ObjectType('PublishedItem')
export class PublishedItemModel {
  @Field(() => String) entryCode!: string;
  @Field(() => String) title!: string;
  @Field(() => String) entrantName!: string;
  @Field(() => String) regionName!: string;
  @Field(() => String) categoryName!: string;
  @Field(() => AwardTierModel, { nullable: true }) award!: AwardTierModel | null;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'the aggregate score as reported, only where the organiser chose to publish scores; not part of the hash',
  })
  score!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "the THUMB rendition of the entry's first photo; not part of the hash",
  })
  thumbnailUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'the code printed on the award certificate, once the publication is FINAL; not part of the hash. Shown to organisers and to the entrant of the entry',
  })
  certificateCode!: string | null;
  @Field(() => AwardRevocationModel, {
    nullable: true,
    description: 'set when the award was revoked after publication; not part of the hash',
  })
  revocation!: AwardRevocationModel | null;
}

@ObjectType('Objection')
export class ObjectionModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) publicationId!: string;
  @Field(() => String) entryCode!: string;
  @Field(() => String) reason!: string;
  @Field(() => ObjectionStatus) status!: ObjectionStatus;
  @Field(() => String, { nullable: true }) response!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('PublicationDocuments', {
  description:
    "a FINAL publication's certificates and list as PDF, drawn ahead by the worker and served from storage (docs/http.md); a document not stored yet is drawn when asked for",
})
export class PublicationDocumentsModel {
  @Field(() => PublicationDocumentsStatus) status!: PublicationDocumentsStatus;
  @Field(() => Int, {
    description:
      'documents the publication has: one certificate per award (revoked ones drawn as REVOKED) and the list',
  })
  total!: number;
  @Field(() => Int, { description: 'of them, stored as the publication is now' })
  rendered!: number;
  @Field(() => String, { nullable: true, description: 'why the last attempt failed' })
  failure!: string | null;
  @Field(() => GraphQLISODateTime, { description: 'when the run last moved' })
  updatedAt!: Date;
}

@ObjectType('Publication')
export class PublicationModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) roundId!: string;
  @Field(() => Int) version!: number;
  @Field(() => PublicationStatus) status!: PublicationStatus;
  @Field(() => GraphQLISODateTime) publishedAt!: Date;
  @Field(() => GraphQLISODateTime) noticeEndsAt!: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'when the publication became FINAL; null before',
  })
  finalisedAt!: Date | null;
  @Field(() => String, {
    description: 'sha256 hex of the canonical JSON of items (docs/judging-rules.md)',
  })
  hash!: string;
  @Field(() => Boolean, { description: 'the organiser chose to publish aggregate scores' })
  showScores!: boolean;
  @Field(() => [PublishedItemModel]) items!: PublishedItemModel[];
  @Field(() => [ObjectionModel], { description: 'to organisers; empty for everyone else' })
  objections!: ObjectionModel[];
  @Field(() => PublicationDocumentsModel, {
    nullable: true,
    description:
      'to organisers, once the publication is FINAL: how far the worker has got with its certificates and list; null otherwise',
  })
  documents!: PublicationDocumentsModel | null;
}

@ObjectType('Certificate', {
  description: "What a certificate's verification code proves; public.",
})
export class CertificateModel {
  @Field(() => String) code!: string;
  @Field(() => String) entryCode!: string;
  @Field(() => String) title!: string;
  @Field(() => String) entrantName!: string;
  @Field(() => AwardTierModel) award!: AwardTierModel;
  @Field(() => ID) publicationId!: string;
  @Field(() => Int) publicationVersion!: number;
  @Field(() => PublicationStatus) publicationStatus!: PublicationStatus;
  @Field(() => String) publicationHash!: string;
  @Field(() => CertificateStatus, {
    description:
      'REVOKED when the award was revoked after publication; the certificate then proves nothing',
  })
  status!: CertificateStatus;
  @Field(() => AwardRevocationModel, {
    nullable: true,
    description: 'when, why and on what ground',
  })
  revocation!: AwardRevocationModel | null;
}

@InputType('ObjectionInput')
export class ObjectionInputModel {
  @Field(() => ID) publicationId!: string;
  @Field(() => String) entryCode!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) contact?: string | null;
}

@ObjectType('PublicationItemChange', {
  description: 'an entry whose award (or presence in the list) differs between two versions',
})
export class PublicationItemChangeModel {
  @Field(() => String) entryCode!: string;
  @Field(() => String) title!: string;
  @Field(() => Boolean, { description: 'listed in the earlier version' }) listedBefore!: boolean;
  @Field(() => Boolean, { description: 'listed in the later version' }) listedAfter!: boolean;
  @Field(() => AwardTierModel, { nullable: true }) awardBefore!: AwardTierModel | null;
  @Field(() => AwardTierModel, { nullable: true }) awardAfter!: AwardTierModel | null;
  @Field(() => Int, { nullable: true }) rankBefore!: number | null;
  @Field(() => Int, { nullable: true }) rankAfter!: number | null;
}

@ObjectType('PublicationChanges')
export class PublicationChangesModel {
  @Field(() => PublicationModel, { description: 'the earlier version' }) from!: PublicationModel;
  @Field(() => PublicationModel, { description: 'the later version' }) to!: PublicationModel;
  @Field(() => [PublicationItemChangeModel], {
    description: 'in the later version’s order, then the dropped ones',
  })
  changes!: PublicationItemChangeModel[];
  @Field(() => [AuditRecordModel], {
    description:
      "the event's audit records from the earlier publication to the later one, in chain order (at most 1000)",
  })
  auditRecords!: AuditRecordModel[];
}
