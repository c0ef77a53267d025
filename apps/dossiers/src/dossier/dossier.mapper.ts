import type { DecisionJustificatif, DossierChange, Dossier as DossierDto, DossierSummary } from '@guichet/contracts';
import { applicableLookups } from '../lookups/dossier-lookups';
import type { DossierFollow } from './dossier-follow.entity';
import type { Dossier } from './dossier.entity';
import type { Traitement } from './traitement.entity';

/** What the mappers read of a dossier: an entity, or a row read without the ORM (the usager's read path). */
export type DossierData = Pick<
  Dossier,
  | 'id' | 'number' | 'tenantId' | 'procedureId' | 'procedureTitle' | 'revisionId' | 'state' | 'test' | 'usagerAccountId' | 'usagerEmail' | 'usagerFirstName' | 'usagerLastName'
  | 'values' | 'lookups' | 'correctionPending' | 'motivation' | 'justificatifFileId' | 'justificatifFileName' | 'createdAt' | 'updatedAt' | 'submittedAt' | 'decidedAt' | 'groupId' | 'groupLabel' | 'archived'
>;
export type TraitementData = Pick<Traitement, 'id' | 'event' | 'fromState' | 'toState' | 'at' | 'actorEmail' | 'motivation' | 'justificatifFileId' | 'justificatifFileName'>;

/** A decision's justificatif as the DTO carries it; null without one. */
function justificatifOf(row: Pick<DossierData, 'justificatifFileId' | 'justificatifFileName'>): DecisionJustificatif | null {
  return row.justificatifFileId === null ? null : { fileId: row.justificatifFileId, fileName: row.justificatifFileName ?? '' };
}

const groupeOf = (dossier: DossierData): DossierDto['groupeInstructeur'] => (dossier.groupId === null ? null : { id: dossier.groupId, label: dossier.groupLabel ?? '' });

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function usagerOf(dossier: DossierData): DossierDto['usager'] {
  return { accountId: dossier.usagerAccountId, email: dossier.usagerEmail, firstName: dossier.usagerFirstName, lastName: dossier.usagerLastName };
}

export function toTraitementDto(traitement: TraitementData): DossierDto['traitements'][number] {
  return {
    id: traitement.id,
    event: traitement.event,
    from: traitement.fromState,
    to: traitement.toState,
    at: traitement.at.toISOString(),
    actorEmail: traitement.actorEmail,
    motivation: traitement.motivation,
    justificatif: justificatifOf(traitement),
  };
}

/** `followers` only for agents; an usager is not told who instructs their dossier. */
export function toDossierDto(dossier: DossierData, traitements: readonly TraitementData[], followers?: readonly DossierFollow[]): DossierDto {
  return {
    id: dossier.id,
    number: dossier.number,
    tenantId: dossier.tenantId,
    procedureId: dossier.procedureId,
    procedureTitle: dossier.procedureTitle,
    revisionId: dossier.revisionId,
    state: dossier.state,
    test: dossier.test,
    usager: usagerOf(dossier),
    values: dossier.values,
    correctionPending: dossier.correctionPending,
    motivation: dossier.motivation,
    justificatif: justificatifOf(dossier),
    createdAt: dossier.createdAt.toISOString(),
    updatedAt: dossier.updatedAt.toISOString(),
    submittedAt: iso(dossier.submittedAt),
    decidedAt: iso(dossier.decidedAt),
    traitements: traitements.map(toTraitementDto),
    groupeInstructeur: groupeOf(dossier),
    archived: dossier.archived,
    ...(followers !== undefined ? { followers: followers.map((follow) => ({ accountId: follow.accountId, email: follow.accountEmail })) } : {}),
    // Only those that still describe a value (a rebase may have moved values away).
    lookups: applicableLookups(dossier.lookups, dossier.values),
  };
}

/** What agents see besides the usager's view: the private annotations and their last change. */
export type AnnotationData = Pick<Dossier, 'annotations' | 'annotationUpdatedAt' | 'annotationUpdatedBy' | 'hiddenByAdministrationAt'>;

/**
 * The dossier for the agents who read it (and the system): `toDossierDto` plus the private
 * annotations. The one mapper that puts annotations in a DTO; the usager's read never calls it.
 */
export function toAgentDossierDto(dossier: DossierData & AnnotationData, traitements: readonly TraitementData[], followers?: readonly DossierFollow[]): DossierDto {
  return {
    ...toDossierDto(dossier, traitements, followers),
    annotations: dossier.annotations,
    annotationUpdatedAt: iso(dossier.annotationUpdatedAt),
    annotationUpdatedBy: dossier.annotationUpdatedBy,
    hiddenByAdministrationAt: iso(dossier.hiddenByAdministrationAt),
  };
}

export function toDossierSummary(dossier: Dossier): DossierSummary {
  return {
    id: dossier.id,
    number: dossier.number,
    state: dossier.state,
    test: dossier.test,
    procedureId: dossier.procedureId,
    procedureTitle: dossier.procedureTitle,
    updatedAt: dossier.updatedAt.toISOString(),
    submittedAt: iso(dossier.submittedAt),
    tenantId: dossier.tenantId,
  };
}

/** The `dossier.state_changed` event data for the transition `traitement` just recorded. */
export function toDossierChange(dossier: DossierData & Pick<Dossier, 'annotations'>, traitement: TraitementData): DossierChange {
  return {
    dossierId: dossier.id,
    number: dossier.number,
    procedureId: dossier.procedureId,
    procedureTitle: dossier.procedureTitle,
    revisionId: dossier.revisionId,
    traitementId: traitement.id,
    event: traitement.event,
    from: traitement.fromState,
    to: traitement.toState,
    motivation: traitement.motivation,
    usager: usagerOf(dossier),
    values: dossier.values,
    submittedAt: iso(dossier.submittedAt),
    decidedAt: iso(dossier.decidedAt),
    groupeInstructeur: groupeOf(dossier),
    // For the annotation tags of e-mails and attestations; consumers never show them to the usager.
    annotations: dossier.annotations,
  };
}
