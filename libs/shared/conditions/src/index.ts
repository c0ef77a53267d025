export * from './condition.model';
export * from './condition.evaluator';
export * from './condition.references';
export * from './condition.describe';
export * from './routing.table';
export * from './routing.compile';
