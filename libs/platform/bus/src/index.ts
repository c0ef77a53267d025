export * from './bus';
export * from './events';
export * from './names';
export * from './context';
export * from './noticed-cache';
