import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EventsModule } from '@app/events';
import { RoundAwardTierEntity, RoundCriterionEntity, RoundEntity } from './round/round.entity';
import { RoundService } from './round/round.service';

const SERVICES = [RoundService];

/** Judging: rounds (panels, assignments and score sheets follow). API and worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RoundEntity, RoundCriterionEntity, RoundAwardTierEntity]),
    EventsModule,
    AuditModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class JudgingModule {}
