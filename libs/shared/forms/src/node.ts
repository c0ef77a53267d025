/** Node-only entry of the forms library (`@guichet/forms-node`): data-backed implementations. */
export * from './node/location-catalogue.node';
