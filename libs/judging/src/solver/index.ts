export { assignJudges } from './assign-judges';
export { validatePanels } from './validate-panels';
export { AssignmentInputError } from './errors';
export type { AssignmentInputReason } from './errors';
export type {
  AssignmentInput,
  AssignmentMode,
  AssignmentOutput,
  AssignmentReport,
  DeclaredConflict,
  EntryInput,
  ExistingAssignment,
  ExistingAssignmentStatus,
  JudgeInput,
  NewAssignment,
  PanelInput,
  PanelLoad,
  UnassignableEntry,
  UnassignableReason,
} from './types';
