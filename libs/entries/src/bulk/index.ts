export * from './entry-import.service';
