export * from './sniff';
export * from './renditions';
