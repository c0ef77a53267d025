export * from './dossier-state.model';
export * from './dossier-state.labels';
export * from './dossier-state.machine';
export * from './dossier-state.emails';
