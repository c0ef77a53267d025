import { randomUUID } from 'node:crypto';

/** Test data factories: unique, valid values with overrides, so tests never share state. */
export const unique = (prefix = 'x'): string => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 10)}`;

export function anAccount(overrides: Partial<{ email: string; password: string; firstName: string; lastName: string }> = {}) {
  return {
    email: `${unique('usager-')}@example.fr`,
    password: 'Un-mot-de-passe-solide-42',
    firstName: 'Amélie',
    lastName: 'Durand',
    ...overrides,
  };
}

export function aTenant(overrides: Partial<{ slug: string; name: string }> = {}) {
  const slug = unique('pref-');
  return { slug, name: `Préfecture ${slug}`, ...overrides };
}

export interface FieldInput {
  stableId: string;
  type: string;
  label: string;
  description?: string;
  mandatory?: boolean;
  options?: Record<string, unknown>;
}

export function aField(type: string, label: string, overrides: Partial<FieldInput> = {}): FieldInput {
  return { stableId: randomUUID(), type, label, description: '', mandatory: true, options: {}, ...overrides };
}

export function aProcedure(overrides: Partial<{ title: string; description: string; path: string }> = {}) {
  return {
    title: 'Déclaration annuelle des monuments historiques',
    description: 'Déclaration annuelle des propriétaires de monuments historiques.',
    path: unique('monuments-'),
    ...overrides,
  };
}

export const mailTemplates = {
  initiated: { subject: 'Dossier n° --numéro du dossier-- déposé', body: 'Bonjour --prénom-- --nom--, votre dossier n° --numéro du dossier-- a bien été déposé le --date de dépôt--.' },
  received: { subject: 'Dossier n° --numéro du dossier-- en instruction', body: 'Votre dossier n° --numéro du dossier-- est en cours d’instruction.' },
  closed: { subject: 'Dossier n° --numéro du dossier-- accepté', body: 'Votre dossier n° --numéro du dossier-- a été accepté : --motivation--. Attestation : --lien attestation--' },
  refused: { subject: 'Dossier n° --numéro du dossier-- refusé', body: 'Votre dossier a été refusé : --motivation--' },
  without_continuation: { subject: 'Dossier n° --numéro du dossier-- classé sans suite', body: 'Votre dossier a été classé sans suite : --motivation--' },
  re_instructed: { subject: 'Dossier n° --numéro du dossier-- de nouveau en instruction', body: 'Votre dossier est de nouveau en instruction.' },
};

export const acceptanceAttestation = {
  kind: 'acceptation' as const,
  title: 'Attestation d’acceptation',
  body: 'La préfecture atteste que le dossier n° --numéro du dossier-- déposé par --prénom-- --nom-- a été accepté le --date de décision--.',
  footer: 'Préfecture — service des monuments',
  logoFileId: null,
  signatureFileId: null,
};

/** A minimal valid one-page PDF (magic bytes %PDF-), for uploads. */
export function aPdf(text = 'Justificatif'): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The first bytes of a PNG, for a file whose content does not match its declared type. */
export function aPng(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
}
