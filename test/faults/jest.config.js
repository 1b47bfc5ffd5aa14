// The fault tests (`npm run test:faults`): the e2e project's settings, its own files. They start
// their own MariaDB and Redis and run the built API and worker as child processes.
const { jest } = require('../../package.json');

const e2e = jest.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  rootDir: '../..',
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 180_000,
};
