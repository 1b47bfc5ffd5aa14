export * from './test-app';
export * from './fixtures';
export * from './processes';
