import { Inject, Injectable } from '@nestjs/common';
import { decisionJustificatifLimits, documentContracts, GuichetError, type BusContext, type DecisionJustificatif, type FileInfo } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

/** The request field the messages below go to. */
export const justificatifField = 'justificatifFileId';

export const justificatifMessages = {
  notADecision: 'Un justificatif ne se joint qu’à une décision : accepter, refuser ou classer sans suite.',
  notFound: 'Ce justificatif est introuvable : déposez-le à nouveau.',
  otherOwner: 'Ce fichier a été déposé par quelqu’un d’autre : déposez vous-même le justificatif de votre décision.',
  otherDossier: 'Ce fichier a été déposé sur un autre dossier : déposez le justificatif sur ce dossier.',
  purpose: 'Ce fichier n’a pas été déposé comme justificatif de décision : déposez-le depuis la fenêtre de décision.',
  pending: 'Ce justificatif n’a pas encore été vérifié : attendez la fin du dépôt ou déposez-le à nouveau.',
  rejected: 'Ce justificatif a été refusé lors de sa vérification : déposez-en un autre.',
  type: 'Le justificatif doit être un PDF, une image ou un document bureautique (Word, Excel, PowerPoint, OpenDocument).',
  size: 'Le justificatif dépasse la taille maximale autorisée (20 Mo).',
} as const;

/** What a decision's justificatif is checked against: the dossier decided on and the agent deciding. */
export interface JustificatifExpectation {
  readonly dossierId: string;
  /** The deciding agent's account; undefined for the system, which uploads nothing. */
  readonly accountId: string | undefined;
}

/**
 * Why a file may not be joined to this decision, or null when it may. `file` is what documents
 * answered when asked as the system for the dossier's tenant (null: not found there, so another
 * tenant's file is "not found" too). The owner is checked before the dossier, so nothing is said
 * of someone else's file but that it is not the agent's.
 */
export function justificatifProblem(file: Pick<FileInfo, 'dossierId' | 'ownerAccountId' | 'purpose' | 'status' | 'mimeType' | 'size'> | null, expected: JustificatifExpectation): string | null {
  if (file === null) return justificatifMessages.notFound;
  if (expected.accountId === undefined || file.ownerAccountId !== expected.accountId) return justificatifMessages.otherOwner;
  if (file.dossierId !== expected.dossierId) return justificatifMessages.otherDossier;
  if (file.purpose !== 'justificatif') return justificatifMessages.purpose;
  if (file.status === 'pending') return justificatifMessages.pending;
  if (file.status === 'rejected') return justificatifMessages.rejected;
  if (!(decisionJustificatifLimits.mimeTypes as readonly string[]).includes(file.mimeType.toLowerCase())) return justificatifMessages.type;
  if (!(file.size > 0 && file.size <= decisionJustificatifLimits.maxBytes)) return justificatifMessages.size;
  return null;
}

export const justificatifRefused = (message: string): GuichetError => new GuichetError('VALIDATION_FAILED', message, { [justificatifField]: message });

const documentsUnavailable = (): GuichetError =>
  new GuichetError('UNAVAILABLE', 'Le service des fichiers ne répond pas : le justificatif n’a pas pu être vérifié et le dossier n’a pas changé. Réessayez dans quelques instants.');

/**
 * Checks, with the documents service, the file an instructeur joins to a decision, before the
 * decision's transaction (no row lock is held across the bus). Documents is asked as the system for
 * the dossier's tenant, so another tenant's file is not found; the answer is then checked against
 * the dossier and the agent.
 */
@Injectable()
export class DecisionJustificatifs {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  /** The file's id and the name documents stored; VALIDATION_FAILED on `justificatifFileId`, or UNAVAILABLE. */
  async check(dossier: { id: string; tenantId: string }, fileId: string, ctx: BusContext): Promise<DecisionJustificatif> {
    const system: BusContext = { system: 'dossiers', tenantId: dossier.tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
    let file: FileInfo | null;
    try {
      file = await this.bus.request(documentContracts.getFile, { fileId }, system);
    } catch (error) {
      if (!(error instanceof GuichetError && error.code === 'NOT_FOUND')) throw documentsUnavailable();
      file = null;
    }
    const problem = justificatifProblem(file, { dossierId: dossier.id, accountId: ctx.actor?.accountId });
    if (problem !== null || file === null) throw justificatifRefused(problem ?? justificatifMessages.notFound);
    return { fileId: file.id, fileName: file.fileName };
  }
}
