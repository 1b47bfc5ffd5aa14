export * from './test-app';
export * from './fixtures';
export * from './processes';
export * from './event-fixtures';
export * from './query-counter';
export * from './image-fixtures';
export * from './web-app';
export * from './together';
