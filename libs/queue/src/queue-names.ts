/** The physical queues (separate, so CPU-heavy work gets its own concurrency). */
export enum QueueName {
  Images = 'images',
  Tabulation = 'tabulation',
  Maintenance = 'maintenance',
}

/** Every job, by name; processors switch on these. */
export enum JobName {
  /** maintenance: delete sign-in failures that no longer count */
  PruneLoginFailures = 'prune-login-failures',
  /** images: make the renditions of one uploaded photo */
  RenderImage = 'render-image',
  /** maintenance: re-queue photos whose render job was lost */
  SweepImages = 'sweep-images',
  /** tabulation: tabulate a closed round (one version per close) */
  TabulateRound = 'tabulate-round',
  /** maintenance: re-queue closed rounds whose tabulation job was lost */
  SweepTabulations = 'sweep-tabulations',
}

/** Payloads carry ids only and are JSON; handlers re-read state (idempotent). */
export interface JobPayloads {
  [JobName.PruneLoginFailures]: Record<string, never>;
  [JobName.RenderImage]: { imageId: string };
  [JobName.SweepImages]: Record<string, never>;
  [JobName.TabulateRound]: { roundId: string };
  [JobName.SweepTabulations]: Record<string, never>;
}

/** Which queue carries each job, so a producer cannot put a job on the wrong queue. */
export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.PruneLoginFailures]: QueueName.Maintenance,
  [JobName.RenderImage]: QueueName.Images,
  [JobName.SweepImages]: QueueName.Maintenance,
  [JobName.TabulateRound]: QueueName.Tabulation,
  [JobName.SweepTabulations]: QueueName.Maintenance,
};
