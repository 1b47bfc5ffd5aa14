import { EntryEntity } from '../entry/entry.entity';
import { EntryModel } from './entries.models';

export function toEntryModel(entry: EntryEntity): EntryModel {
  return {
    id: entry.id,
    eventId: entry.eventId,
    code: entry.code,
    status: entry.status,
    title: entry.title,
    description: entry.description,
    materials: entry.materials,
    techniques: entry.techniques,
    dimensions: entry.dimensions,
    creators: entry.creators,
    itemCount: entry.itemCount,
    yearCreated: entry.yearCreated,
    patentNumbers: entry.patentNumbers,
    patented: entry.patentNumbers.length > 0,
    regionCode: entry.regionCode,
    screeningReason: entry.screeningReason,
    submittedAt: entry.submittedAt,
    categoryId: entry.categoryId,
    entrantId: entry.entrantId,
  };
}
