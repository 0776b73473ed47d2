export * from './schema';
export type * from './types';
export * from './search';
export * from './compare';
