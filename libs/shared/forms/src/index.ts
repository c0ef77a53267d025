export * from './form-field.model';
export * from './field-value.validators';
export * from './form.compiler';
