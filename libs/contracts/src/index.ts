export * from './contract';
export * from './errors';
export * from './health.contract';
