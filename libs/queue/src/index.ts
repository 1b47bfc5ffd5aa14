export * from './queue-names';
export * from './queue-config';
export * from './queue.module';
export * from './job-producer.service';
export * from './redis-client';
export * from './redis-connection';
export * from './heartbeat';
