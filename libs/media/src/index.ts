export * from './sniff';
export * from './renditions';
export * from './completeness';
