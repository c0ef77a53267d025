export * from './caller';
export * from './agent-scope';
export * from './agent-scopes';
