import { Inject, Injectable } from '@nestjs/common';
import type { DossierLookup } from '@guichet/contracts';
import type { FormField, FormValues } from '@guichet/forms';
import type { LookupResult } from '@guichet/platform-lookups';
import { valuesRefused } from '../dossier/dossier.validation';
import { applicableLookups, notFoundMessages, pendingLookups, type PendingLookup } from './dossier-lookups';
import { lookupKindOf, RegisterDirectory, type TenantRegisters } from './register-directory.service';

/** In u-mode a surrogate range only matches lone surrogates, which jsonb refuses like U+0000. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must go.
const unstorable = /[\u0000\ud800-\udfff]/gu;

/** A register's answer kept with the dossier is bounded: a referential could answer anything. */
const maxStoredDataChars = 20_000;

/**
 * The data as jsonb can hold it (no U+0000, no lone surrogate), or undefined when it is not an
 * object or too large to keep next to the values.
 */
export function storableData(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const text = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? value.replace(unstorable, '') : value));
  return text.length > maxStoredDataChars ? undefined : (JSON.parse(text) as Record<string, unknown>);
}

/** What the lookups of some values gave: entries to store, and the values no register knows. */
export interface LookupRound {
  readonly fresh: Record<string, DossierLookup>;
  /** Error key (stableId, or `<block>.rows.<index>.<child>` in a repeated block) → French message (not found). */
  readonly refused: Record<string, string>;
}

/** The dossier as the lookups need it. */
export interface DossierForLookups {
  readonly tenantId: string;
  readonly number: number;
  readonly lookups: Readonly<Record<string, DossierLookup>>;
}

/**
 * Checks siret / rna / referentiel values in the tenant's registers. Called BEFORE the caller's
 * transaction: no row lock is held while a third party answers (or does not).
 */
@Injectable()
export class FieldLookups {
  constructor(@Inject(RegisterDirectory) private readonly directory: RegisterDirectory) {}

  /**
   * Looks up the values of `candidates` that need it (see `pendingLookups`), all at once, the
   * children of repeated blocks included (keyed by row id in `fresh`, by row index in `refused`).
   */
  async lookUp(dossier: DossierForLookups, fields: readonly FormField[], values: FormValues, candidates: Iterable<string>): Promise<LookupRound> {
    const pending = pendingLookups(fields, values, dossier.lookups, candidates);
    if (pending.length === 0) return { fresh: {}, refused: {} };
    const registers = await this.directory.forTenant(dossier.tenantId);
    const results = await Promise.all(pending.map((item) => this.lookUpOne(registers, item, `Dossier n° ${dossier.number}`)));
    const fresh: Record<string, DossierLookup> = {};
    const refused: Record<string, string> = {};
    const checkedAt = new Date().toISOString();
    pending.forEach((item, index) => {
      const result = results[index];
      if (result === undefined) return;
      if (result.status === 'not_found') {
        const kind = lookupKindOf(item.field.type);
        refused[item.errorKey] = kind === undefined ? 'Valeur introuvable.' : notFoundMessages[kind];
      } else if (result.status === 'found') {
        const data = storableData(result.data);
        fresh[item.stableId] = data === undefined ? { status: 'unavailable', reason: 'invalid_response', checkedAt, query: item.query } : { status: 'found', data, checkedAt, query: item.query };
      } else {
        fresh[item.stableId] = { status: 'unavailable', reason: result.reason, checkedAt, query: item.query };
      }
    });
    return { fresh, refused };
  }

  /**
   * At submission: every checked value still unchecked (or never looked up) is tried once more. A
   * value no register knows refuses the submission (422); a register still down does not: the
   * value stays unchecked. Returns the dossier's lookups to store with the submission.
   */
  async beforeSubmission(dossier: DossierForLookups, fields: readonly FormField[], values: FormValues): Promise<Record<string, DossierLookup>> {
    const round = await this.lookUp(dossier, fields, values, Object.keys(values));
    if (Object.keys(round.refused).length > 0) throw valuesRefused('Le dossier ne peut pas être déposé : des champs sont manquants ou invalides.', round.refused);
    return applicableLookups({ ...dossier.lookups, ...round.fresh }, values);
  }

  private async lookUpOne(registers: TenantRegisters, item: PendingLookup, purpose: string): Promise<LookupResult<unknown>> {
    const choice = registers.forField(item.field);
    if (choice === undefined) return { status: 'unavailable', reason: 'not_configured' };
    if ('unavailable' in choice) return { status: 'unavailable', reason: choice.unavailable };
    return choice.adapter.lookup(item.query, { purpose });
  }
}
