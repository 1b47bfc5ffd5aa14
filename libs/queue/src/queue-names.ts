/** The physical queues (separate, so CPU-heavy work gets its own concurrency). */
export enum QueueName {
  Images = 'images',
  Tabulation = 'tabulation',
  Maintenance = 'maintenance',
  /** documents made on request (exhibit label sheets): CPU-heavy, one at a time */
  Documents = 'documents',
  /** a FINAL publication's certificates and list, made ahead: CPU-heavy, one at a time */
  PublicationDocuments = 'publication-documents',
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
  /** documents: render an event's (or a category's) exhibit labels to a stored PDF */
  RenderLabelSheet = 'render-label-sheet',
  /** publication-documents: draw and store every certificate and the list of a FINAL publication */
  RenderPublicationDocuments = 'render-publication-documents',
  /** maintenance: re-queue publications whose documents job was lost */
  SweepPublicationDocuments = 'sweep-publication-documents',
}

/** Payloads carry ids only and are JSON; handlers re-read state (idempotent). */
export interface JobPayloads {
  [JobName.PruneLoginFailures]: Record<string, never>;
  [JobName.RenderImage]: { imageId: string };
  [JobName.SweepImages]: Record<string, never>;
  [JobName.TabulateRound]: { roundId: string };
  [JobName.SweepTabulations]: Record<string, never>;
  /**
   * `sheetId`: the content hash the request computed (the job's id is `labels-<sheetId>`); the
   * handler reads the entries again and stores what they are when it runs. `layout` is one of
   * the documents' label layouts (2x4, 3x7).
   */
  [JobName.RenderLabelSheet]: {
    eventId: string;
    categoryId: string | null;
    layout: string;
    sheetId: string;
  };
  [JobName.RenderPublicationDocuments]: { publicationId: string };
  [JobName.SweepPublicationDocuments]: Record<string, never>;
}

/** Which queue carries each job, so a producer cannot put a job on the wrong queue. */
export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.PruneLoginFailures]: QueueName.Maintenance,
  [JobName.RenderImage]: QueueName.Images,
  [JobName.SweepImages]: QueueName.Maintenance,
  [JobName.TabulateRound]: QueueName.Tabulation,
  [JobName.SweepTabulations]: QueueName.Maintenance,
  [JobName.RenderLabelSheet]: QueueName.Documents,
  [JobName.RenderPublicationDocuments]: QueueName.PublicationDocuments,
  [JobName.SweepPublicationDocuments]: QueueName.Maintenance,
};
