/** The gateway's parsed configuration, injectable where a setting is needed. */
export const GATEWAY_CONFIG = Symbol('guichet:gateway-config');
