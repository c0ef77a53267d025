export * from './bootstrap';
export * from './handler.registry';
export * from './handlers.decorator';
export * from './health.server';
export * from './platform.module';
export * from './tokens';
export * from './testing';
