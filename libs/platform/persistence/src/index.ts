export * from './outbox.entity';
export * from './orm.options';
export * from './outbox';
export * from './idempotent-consumer';
export * from './inserted-then-committed.subscriber';
export * from './worker-loop';
export * from './schema-table';
