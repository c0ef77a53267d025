export * from './tag.parser';
export * from './tag.catalogue';
export * from './tag.template';
