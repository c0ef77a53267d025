/**
 * The demo procedures, drawn from the field reports of DOMAIN.md: a departmental office registering
 * driving-test candidates, and a subsidy call for small associations. Field stable ids are fixed so
 * that running the seed again describes exactly the same procedures.
 */
export interface DemoField {
  stableId: string;
  type: string;
  label: string;
  description: string;
  mandatory: boolean;
  options: Record<string, unknown>;
}

export interface DemoProcedure {
  path: string;
  title: string;
  description: string;
  fields: DemoField[];
  mailTemplates: Record<'initiated' | 'received' | 'closed' | 'refused' | 'without_continuation' | 're_instructed', { subject: string; body: string }>;
  attestationTemplates: { kind: 'acceptation' | 'refus'; title: string; body: string; footer: string; logoFileId: null; signatureFileId: null }[];
}

const field = (stableId: string, type: string, label: string, options: Partial<Omit<DemoField, 'stableId' | 'type' | 'label'>> = {}): DemoField => ({
  stableId,
  type,
  label,
  description: options.description ?? '',
  mandatory: options.mandatory ?? false,
  options: options.options ?? {},
});

const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'];
const tenMegabytes = 10 * 1024 * 1024;

export const drivingLicence: DemoProcedure = {
  path: 'inscription-permis-de-conduire',
  title: 'Inscription au permis de conduire',
  description:
    'Inscrivez-vous à l’examen du permis de conduire. Votre demande est d’abord vérifiée, puis une date d’examen vous est proposée. Vous suivez votre demande en ligne et recevez les réponses par courriel.',
  fields: [
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e01', 'header_section', 'Le candidat'),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e02', 'text', 'Nom de naissance', { mandatory: true, options: { maxLength: 100 } }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e03', 'text', 'Prénoms', { mandatory: true, description: 'Dans l’ordre de l’état civil.', options: { maxLength: 200 } }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e04', 'date', 'Date de naissance', { mandatory: true }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e05', 'text', 'Commune de naissance', { mandatory: true, options: { maxLength: 200 } }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e06', 'phone', 'Téléphone', { description: 'Pour vous joindre au sujet de votre date d’examen.' }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e07', 'header_section', 'Le permis demandé'),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e08', 'drop_down_list', 'Catégorie de permis', { mandatory: true, options: { choices: ['AM', 'A1', 'A2', 'A', 'B', 'BE'] } }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e09', 'yes_no', 'Avez-vous déjà été titulaire d’un permis de conduire ?', { mandatory: true }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e10', 'header_section', 'Les pièces justificatives'),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e11', 'piece_justificative', 'Pièce d’identité', {
      mandatory: true,
      description: 'Carte nationale d’identité ou passeport en cours de validité (PDF, JPEG ou PNG, 10 Mo au plus).',
      options: { allowedMimeTypes: documentTypes, maxFileBytes: tenMegabytes },
    }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e12', 'piece_justificative', 'Justificatif de domicile de moins de six mois', {
      mandatory: true,
      options: { allowedMimeTypes: documentTypes, maxFileBytes: tenMegabytes },
    }),
    field('6f1d4c0e-2b7a-4e59-9c1a-0a1b2c3d4e13', 'checkbox', 'J’atteste sur l’honneur l’exactitude des informations fournies', { mandatory: true }),
  ],
  mailTemplates: {
    initiated: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- a bien été déposée',
      body: 'Bonjour --prénom-- --nom--,\n\nVotre demande d’inscription au permis de conduire (dossier n° --numéro du dossier--) a bien été déposée le --date de dépôt--. Nous allons la vérifier et vous tiendrons informé(e).\n\nVous pouvez suivre votre demande à tout moment : --lien dossier--\n\nLe bureau de l’éducation routière',
    },
    received: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- est en cours d’examen',
      body: 'Bonjour --prénom-- --nom--,\n\nVotre demande (dossier n° --numéro du dossier--) est en cours d’examen par nos services. Une date d’examen vous sera proposée dès que votre dossier sera validé.\n\nLe bureau de l’éducation routière',
    },
    closed: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- est acceptée',
      body: 'Bonjour --prénom-- --nom--,\n\nVotre inscription au permis de conduire (catégorie --Catégorie de permis--) a été acceptée le --date de décision--.\n--motivation--\n\nVotre attestation d’inscription est disponible ici : --lien attestation--\n\nLe bureau de l’éducation routière',
    },
    refused: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- est refusée',
      body: 'Bonjour --prénom-- --nom--,\n\nNous ne pouvons pas donner suite à votre demande d’inscription (dossier n° --numéro du dossier--), pour le motif suivant :\n--motivation--\n\nVous pouvez déposer une nouvelle demande complète.\n\nLe bureau de l’éducation routière',
    },
    without_continuation: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- est classée sans suite',
      body: 'Bonjour --prénom-- --nom--,\n\nVotre demande (dossier n° --numéro du dossier--) a été classée sans suite le --date de décision-- :\n--motivation--\n\nLe bureau de l’éducation routière',
    },
    re_instructed: {
      subject: 'Votre inscription au permis de conduire n° --numéro du dossier-- est réexaminée',
      body: 'Bonjour --prénom-- --nom--,\n\nVotre demande (dossier n° --numéro du dossier--) est de nouveau en cours d’examen. Vous serez informé(e) de la nouvelle décision.\n\nLe bureau de l’éducation routière',
    },
  },
  attestationTemplates: [
    {
      kind: 'acceptation',
      title: 'Attestation d’inscription au permis de conduire',
      body: 'Le bureau de l’éducation routière atteste que --Prénoms-- --Nom de naissance--, né(e) le --Date de naissance-- à --Commune de naissance--, est inscrit(e) à l’examen du permis de conduire de catégorie --Catégorie de permis--.\n\nDossier n° --numéro du dossier--, décision du --date de décision--.',
      footer: 'Préfecture de démonstration — bureau de l’éducation routière',
      logoFileId: null,
      signatureFileId: null,
    },
  ],
};

export const associationGrant: DemoProcedure = {
  path: 'subvention-petites-associations',
  title: 'Subvention aux petites associations',
  description:
    'Appel à projets pour les associations de moins de dix salariés : financement d’un projet local jusqu’à 23 000 €. Joignez le budget prévisionnel ; nos services peuvent vous demander des pièces complémentaires par la messagerie du dossier.',
  fields: [
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a01', 'header_section', 'L’association'),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a02', 'text', 'Nom de l’association', { mandatory: true, options: { maxLength: 300 } }),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a03', 'text', 'Numéro RNA', {
      mandatory: true,
      description: 'Numéro au répertoire national des associations : la lettre W suivie de 9 chiffres (par exemple W751234567).',
      options: { maxLength: 10 },
    }),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a04', 'email', 'Adresse électronique de l’association', { mandatory: true }),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a05', 'header_section', 'Le projet'),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a06', 'textarea', 'Description du projet', {
      mandatory: true,
      description: 'Objectifs, public concerné, calendrier et partenaires.',
      options: { maxLength: 5000 },
    }),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a07', 'integer_number', 'Montant demandé (en euros)', { mandatory: true, options: { min: 100, max: 23000 } }),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a08', 'date', 'Date de début du projet'),
    field('9a3e7b12-5c4d-4f8e-a1b2-1c2d3e4f5a09', 'piece_justificative', 'Budget prévisionnel', {
      mandatory: true,
      description: 'Le budget du projet, en PDF (10 Mo au plus).',
      options: { allowedMimeTypes: ['application/pdf'], maxFileBytes: tenMegabytes },
    }),
  ],
  mailTemplates: {
    initiated: {
      subject: 'Demande de subvention n° --numéro du dossier-- déposée',
      body: 'Bonjour --prénom-- --nom--,\n\nLa demande de subvention de l’association --Nom de l’association-- (dossier n° --numéro du dossier--) a bien été déposée le --date de dépôt--.\n\nSuivre la demande : --lien dossier--\n\nLe service de la vie associative',
    },
    received: {
      subject: 'Demande de subvention n° --numéro du dossier-- en cours d’instruction',
      body: 'Bonjour --prénom-- --nom--,\n\nLa demande de subvention de l’association --Nom de l’association-- est en cours d’instruction. Nous pourrons vous demander des pièces complémentaires par la messagerie du dossier.\n\nLe service de la vie associative',
    },
    closed: {
      subject: 'Demande de subvention n° --numéro du dossier-- acceptée',
      body: 'Bonjour --prénom-- --nom--,\n\nUne subvention de --Montant demandé (en euros)-- € est accordée à l’association --Nom de l’association-- (décision du --date de décision--).\n--motivation--\n\nL’attestation d’attribution est disponible ici : --lien attestation--\n\nLe service de la vie associative',
    },
    refused: {
      subject: 'Demande de subvention n° --numéro du dossier-- refusée',
      body: 'Bonjour --prénom-- --nom--,\n\nLa demande de subvention de l’association --Nom de l’association-- n’a pas été retenue, pour le motif suivant :\n--motivation--\n\nLe service de la vie associative',
    },
    without_continuation: {
      subject: 'Demande de subvention n° --numéro du dossier-- classée sans suite',
      body: 'Bonjour --prénom-- --nom--,\n\nLa demande de subvention (dossier n° --numéro du dossier--) a été classée sans suite :\n--motivation--\n\nLe service de la vie associative',
    },
    re_instructed: {
      subject: 'Demande de subvention n° --numéro du dossier-- réexaminée',
      body: 'Bonjour --prénom-- --nom--,\n\nLa demande de subvention de l’association --Nom de l’association-- est de nouveau en cours d’instruction.\n\nLe service de la vie associative',
    },
  },
  attestationTemplates: [
    {
      kind: 'acceptation',
      title: 'Attestation d’attribution de subvention',
      body: 'La préfecture de démonstration atteste qu’une subvention de --Montant demandé (en euros)-- € a été attribuée à l’association --Nom de l’association-- (RNA --Numéro RNA--) pour le projet décrit dans le dossier n° --numéro du dossier--.\n\nDécision du --date de décision--.',
      footer: 'Préfecture de démonstration — service de la vie associative',
      logoFileId: null,
      signatureFileId: null,
    },
  ],
};

export const demoProcedures = [drivingLicence, associationGrant];
