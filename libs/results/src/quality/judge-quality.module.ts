import { Module } from '@nestjs/common';
import { EntriesModule } from '@app/entries';
import { IdentityModule } from '@app/identity';
import { JudgingModule } from '@app/judging';
import { ResultsModule } from '../results.module';
import { JudgeQualityResolver } from './judge-quality.resolver';
import { JudgeQualityService } from './judge-quality.service';

/** The judgeQuality query: the API only. */
@Module({
  imports: [ResultsModule, JudgingModule, EntriesModule, IdentityModule],
  providers: [JudgeQualityService, JudgeQualityResolver],
  exports: [JudgeQualityService],
})
export class JudgeQualityModule {}
