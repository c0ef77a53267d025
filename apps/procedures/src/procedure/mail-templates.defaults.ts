import { mailTemplateKinds, type AttestationTemplate, type MailTemplate, type MailTemplateKind } from '@guichet/contracts';

const greeting = 'Bonjour,';
const signature = 'Bonne journée,\n\nL’équipe de la démarche « --libellé démarche-- »';
const followLink = 'Vous pouvez suivre votre dossier à cette adresse : --lien dossier--';

/** Closing lines for an attestation link, only when the procedure generates that attestation. */
const attestationLine = (has: boolean): string => (has ? '\n\nVous pouvez télécharger votre attestation à cette adresse : --lien attestation--' : '');

/**
 * The e-mails sent when an administrator wrote none, in the manner of DS's defaults. The decision
 * e-mails mention the attestation link only when the procedure has a matching attestation template:
 * otherwise there is no attestation and the link would be empty.
 */
export function defaultMailTemplates(attestationTemplates: readonly Pick<AttestationTemplate, 'kind'>[]): Record<MailTemplateKind, MailTemplate> {
  const hasAcceptation = attestationTemplates.some((template) => template.kind === 'acceptation');
  const hasRefus = attestationTemplates.some((template) => template.kind === 'refus');
  return {
    initiated: {
      subject: 'Votre dossier n° --numéro du dossier-- a bien été déposé',
      body: `${greeting}\n\nVotre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » a bien été déposé le --date de dépôt--. Il sera examiné par l’administration, qui vous tiendra informé(e) de son avancement.\n\n${followLink}\n\n${signature}`,
    },
    received: {
      subject: 'Votre dossier n° --numéro du dossier-- va être examiné',
      body: `${greeting}\n\nVotre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » est en cours d’instruction : il ne peut plus être modifié.\n\n${followLink}\n\n${signature}`,
    },
    closed: {
      subject: 'Votre dossier n° --numéro du dossier-- a été accepté',
      body: `${greeting}\n\nVotre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » a été accepté le --date de décision--.${attestationLine(hasAcceptation)}\n\n${followLink}\n\n${signature}`,
    },
    refused: {
      subject: 'Votre dossier n° --numéro du dossier-- a été refusé',
      body: `${greeting}\n\nNous avons le regret de vous informer que votre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » a été refusé le --date de décision--.\n\nMotif du refus : --motivation--${attestationLine(hasRefus)}\n\n${followLink}\n\n${signature}`,
    },
    without_continuation: {
      subject: 'Votre dossier n° --numéro du dossier-- a été classé sans suite',
      body: `${greeting}\n\nVotre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » a été classé sans suite le --date de décision--.\n\nMotif : --motivation--\n\n${followLink}\n\n${signature}`,
    },
    re_instructed: {
      subject: 'Votre dossier n° --numéro du dossier-- est à nouveau en instruction',
      body: `${greeting}\n\nLa décision prise sur votre dossier n° --numéro du dossier-- pour la démarche « --libellé démarche-- » a été annulée : votre dossier est à nouveau en cours d’instruction.\n\n${followLink}\n\n${signature}`,
    },
  };
}

/** What consumers always get: the administrators' templates where written, else the defaults. */
export function effectiveMailTemplates(
  custom: Partial<Record<MailTemplateKind, MailTemplate>>,
  attestationTemplates: readonly Pick<AttestationTemplate, 'kind'>[],
): Record<MailTemplateKind, MailTemplate> {
  const defaults = defaultMailTemplates(attestationTemplates);
  const effective = { ...defaults };
  for (const kind of mailTemplateKinds) {
    const written = custom[kind];
    if (written !== undefined) effective[kind] = written;
  }
  return effective;
}

/**
 * What to store: only the templates that differ from the defaults, so an untouched kind follows
 * the defaults (including their attestation line) instead of freezing a copy of them.
 */
export function customMailTemplates(
  templates: Record<MailTemplateKind, MailTemplate>,
  attestationTemplates: readonly Pick<AttestationTemplate, 'kind'>[],
): Partial<Record<MailTemplateKind, MailTemplate>> {
  const defaults = defaultMailTemplates(attestationTemplates);
  const custom: Partial<Record<MailTemplateKind, MailTemplate>> = {};
  for (const kind of mailTemplateKinds) {
    const template = templates[kind];
    if (template.subject !== defaults[kind].subject || template.body !== defaults[kind].body) custom[kind] = template;
  }
  return custom;
}
