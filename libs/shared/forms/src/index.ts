export * from './form-field.model';
export * from './location-catalogue';
export * from './field-value.validators';
export * from './typed-value.validators';
export * from './field-catalogue';
export * from './form.compiler';
export * from './revision.diff';
