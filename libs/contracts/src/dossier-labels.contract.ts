import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';
import { dossierSchema } from './dossiers.contract';
import { dossierLabelSchema } from './labels.contract';

const onDossier = z.object({ dossierId: uuid, labelId: uuid });

/** Labels on dossiers (dossiers service), for the agents who instruct the dossier. */
export const dossierLabelContracts = {
  /**
   * An agent who instructs the dossier (an instructeur of its group) puts a label of the dossier's
   * procedure on it; a label of another procedure or tenant, or deleted, is VALIDATION_FAILED on
   * `labelId`. Already there: nothing changes. Never on a brouillon (agents do not see them).
   */
  add: defineRequest('dossiers', 'dossiers.dossier.add_label', onDossier, dossierSchema),
  /** Takes a label off; a label that is not on the dossier: nothing changes. */
  remove: defineRequest('dossiers', 'dossiers.dossier.remove_label', onDossier, dossierSchema),
};

export const dossierLabelEvents = {
  /**
   * Labels put on or taken off a dossier by an agent: one event per request that changed something.
   * `labels` is the dossier's labels after the change. (A label deleted by an administrateur leaves
   * its dossiers without one event per dossier: `procedure.label_deleted` says it.)
   */
  labelsChanged: defineEvent(
    'dossiers',
    'dossier.labels_changed',
    1,
    z.object({
      dossierId: uuid,
      number: z.number().int().positive(),
      procedureId: uuid,
      added: z.array(dossierLabelSchema),
      removed: z.array(dossierLabelSchema),
      labels: z.array(dossierLabelSchema),
      at: isoDateTime,
    }),
  ),
};
