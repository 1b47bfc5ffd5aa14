import { Module } from '@nestjs/common';
import { EntriesModule } from '@app/entries';
import { IdentityModule } from '@app/identity';
import { JudgingModule } from '@app/judging';
import { ResultsModule } from '../results.module';
import { RoundWhatIfExportService } from '../whatif/round-what-if-export.service';
import { RoundWhatIfResolver } from '../whatif/round-what-if.resolver';
import { RoundWhatIfService } from '../whatif/round-what-if.service';
import { JudgeQualityResolver } from './judge-quality.resolver';
import { JudgeQualityService } from './judge-quality.service';

/**
 * What an organiser reads about how a round was judged, not its results: the judgeQuality and
 * roundWhatIf queries and the what-if export. The API only.
 */
@Module({
  imports: [ResultsModule, JudgingModule, EntriesModule, IdentityModule],
  providers: [
    JudgeQualityService,
    JudgeQualityResolver,
    RoundWhatIfService,
    RoundWhatIfExportService,
    RoundWhatIfResolver,
  ],
  exports: [JudgeQualityService, RoundWhatIfService, RoundWhatIfExportService],
})
export class JudgeQualityModule {}
