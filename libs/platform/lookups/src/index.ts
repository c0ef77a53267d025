// Lookups in external registers (Node only): API Entreprise (SIRET, RNA), Base Adresse Nationale,
// administrator-configured HTTP referentials. Each adapter answers found / not_found / unavailable
// and never throws.
export * from './lookup.types';
export { getJson, type JsonAnswer } from './http-json';
export { type ApiEntrepriseSettings, apiEntrepriseConfigured } from './api-entreprise';
export { EntrepriseAdapter, toEtablissement, type Etablissement, type PostalAddress, type CodeAndLabel } from './entreprise.adapter';
export { AssociationAdapter, toAssociation, type Association } from './association.adapter';
export { AdresseAdapter, toAddressSuggestions, minAddressQueryLength, type AddressSuggestion, type AddressSuggestions, type AdresseSettings } from './adresse.adapter';
export { ReferentielAdapter, keepProperties, referentielPlaceholder, type ReferentielDefinition, type ReferentielData } from './referentiel.adapter';
export {
  blockedRangeOf,
  checkRegisterUrl,
  guardedLookup,
  hostOf,
  BlockedAddressError,
  type AddressPolicy,
  type BlockedRange,
  type ResolveAll,
  type UrlRefusal,
} from './address-guard';
export { guardedFetch } from './guarded-fetch';
