export * from './field-value.text';
