export * from './config/app-config';
export * from './config/env-parsers';
export * from './config/config.module';
export * from './config/jwt-secret';
export * from './config/startup';
export * from './errors/domain-error';
export * from './errors/common.errors';
export * from './request-ctx';
