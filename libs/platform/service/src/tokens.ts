export const SERVICE_OPTIONS = Symbol('guichet:service-options');
export const LOGGER = Symbol('guichet:logger');
