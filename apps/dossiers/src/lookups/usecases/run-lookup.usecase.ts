import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type LookupOutcome, type lookupContracts, type RequestOf } from '@guichet/contracts';
import { validateFieldValue, type FormField } from '@guichet/forms';
import { minAddressQueryLength } from '@guichet/platform-lookups';
import { accountOf } from '@guichet/platform-access';
import { dossierNotFound } from '../../dossier/dossier.policy';
import { DossierRepository } from '../../dossier/dossier.repository';
import { ProcedureForms } from '../../dossier/procedure-forms.service';
import { notFoundMessages, unavailableMessage } from '../dossier-lookups';
import { storableData } from '../field-lookups.service';
import { lookupKindOf, RegisterDirectory } from '../register-directory.service';

/** The field of that stable id, repeated blocks included. */
function fieldOf(fields: readonly FormField[], stableId: string): FormField | undefined {
  for (const field of fields) {
    if (field.stableId === stableId) return field;
    const child = field.children?.find((candidate) => candidate.stableId === stableId);
    if (child !== undefined) return child;
  }
  return undefined;
}

const refused = (field: 'stableId' | 'query', message: string): GuichetError => new GuichetError('VALIDATION_FAILED', 'La recherche est impossible.', { [field]: message });

/**
 * The owner of a dossier looks a value up for one of its form's fields, as they type: company or
 * association data, address suggestions, a referential's entry. Nothing is stored; the value is
 * checked again when saved.
 */
@Injectable()
export class RunLookupUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
    @Inject(RegisterDirectory) private readonly directory: RegisterDirectory,
  ) {}

  async execute(payload: RequestOf<typeof lookupContracts.lookup>, ctx: BusContext): Promise<LookupOutcome> {
    const accountId = accountOf(ctx);
    if (accountId === undefined) throw dossierNotFound();
    const dossier = await this.dossiers.findOwned(accountId, payload.dossierId);
    if (dossier === null) throw dossierNotFound();
    const form = await this.procedures.formOf(dossier.revisionId, dossier.tenantId, ctx);
    const field = fieldOf(form.fields, payload.stableId);
    const kind = field === undefined ? undefined : lookupKindOf(field.type);
    if (field === undefined || kind === undefined) throw refused('stableId', 'Ce champ du formulaire ne permet pas de recherche.');
    const query = this.queryFor(field, payload.query);

    const registers = await this.directory.forTenant(dossier.tenantId);
    const choice = registers.forField(field);
    const result = choice === undefined ? { status: 'unavailable' as const, reason: 'not_configured' as const } : 'unavailable' in choice ? { status: 'unavailable' as const, reason: choice.unavailable } : await choice.adapter.lookup(query, { purpose: `Dossier n° ${dossier.number}` });
    if (result.status === 'not_found') return { status: 'not_found', kind, message: notFoundMessages[kind] };
    if (result.status === 'unavailable') return { status: 'unavailable', kind, reason: result.reason, message: unavailableMessage };
    const data = storableData(result.data);
    return data === undefined ? { status: 'unavailable', kind, reason: 'invalid_response', message: unavailableMessage } : { status: 'found', kind, data };
  }

  /** What is sent to the register: the value as the field would save it (an address: the text typed). */
  private queryFor(field: FormField, raw: string): string {
    if (field.type === 'address') {
      const text = raw.trim();
      if (text.length < minAddressQueryLength) throw refused('query', `Saisissez au moins ${minAddressQueryLength} caractères.`);
      return text;
    }
    const checked = validateFieldValue(field, raw, {});
    if (checked.kind === 'empty') throw refused('query', 'Saisissez une valeur à rechercher.');
    if (checked.kind === 'invalid') throw refused('query', checked.message);
    return typeof checked.value === 'string' ? checked.value : raw.trim();
  }
}
