import { CreateIdentity1795711499564 } from './1795711499564-CreateIdentity';
import { CreateAudit1795800000000 } from './1795800000000-CreateAudit';
import { CreateEventsAndEntries1795900000000 } from './1795900000000-CreateEventsAndEntries';
import { CreateImages1796000000000 } from './1796000000000-CreateImages';
import { CreateRounds1796100000000 } from './1796100000000-CreateRounds';
import { CreatePanelsAndConflicts1796200000000 } from './1796200000000-CreatePanelsAndConflicts';
import { CreateAssignments1796300000000 } from './1796300000000-CreateAssignments';
import { CreateRoundEntries1796350000000 } from './1796350000000-CreateRoundEntries';
import { CreateScoreSheets1796400000000 } from './1796400000000-CreateScoreSheets';
import { CreateAuditAppendProcedure1796420000000 } from './1796420000000-CreateAuditAppendProcedure';
import { CreateScoreSheetWriteProcedure1796430000000 } from './1796430000000-CreateScoreSheetWriteProcedure';
import { CreateScoreSheetFirstProcedure1796700000000 } from './1796700000000-CreateScoreSheetFirstProcedure';
import { CreateAssignmentEligibilityView1796800000000 } from './1796800000000-CreateAssignmentEligibilityView';
import { CreateTabulations1796500000000 } from './1796500000000-CreateTabulations';
import { CreateRoundEntrySources1796550000000 } from './1796550000000-CreateRoundEntrySources';
import { CreatePublications1796600000000 } from './1796600000000-CreatePublications';
import { HardenIdentity1796960000000 } from './1796960000000-HardenIdentity';
import { CreateObjectionSenders1796910000000 } from './1796910000000-CreateObjectionSenders';
import { CreateAwardRevocations1796870000000 } from './1796870000000-CreateAwardRevocations';
import { AdministerUsers1797000000000 } from './1797000000000-AdministerUsers';
import { CreatePublicationDocuments1797200000000 } from './1797200000000-CreatePublicationDocuments';
import { CreatePhotoBatches1797100000000 } from './1797100000000-CreatePhotoBatches';

/** Every migration, in order, as classes (never a glob: the build and the tests see the same list). */
export const MIGRATIONS = [
  CreateIdentity1795711499564,
  CreateAudit1795800000000,
  CreateEventsAndEntries1795900000000,
  CreateImages1796000000000,
  CreateRounds1796100000000,
  CreatePanelsAndConflicts1796200000000,
  CreateAssignments1796300000000,
  CreateRoundEntries1796350000000,
  CreateScoreSheets1796400000000,
  CreateAuditAppendProcedure1796420000000,
  CreateScoreSheetWriteProcedure1796430000000,
  CreateTabulations1796500000000,
  CreateRoundEntrySources1796550000000,
  CreatePublications1796600000000,
  CreateScoreSheetFirstProcedure1796700000000,
  CreateAssignmentEligibilityView1796800000000,
  CreateAwardRevocations1796870000000,
  CreateObjectionSenders1796910000000,
  HardenIdentity1796960000000,
  AdministerUsers1797000000000,
  CreatePhotoBatches1797100000000,
  CreatePublicationDocuments1797200000000,
];
