import { renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { type AttestationDocumentProps, AttestationDocument } from './attestation.document';
import { attestationImage } from './attestation.image';
import { formatAttestationDate, splitParagraphs, toWinAnsi } from './attestation.text';

export interface AttestationInput {
  readonly title: string;
  /** Tag-rendered text; paragraphs are separated by blank lines, single line breaks are kept. */
  readonly body: string;
  readonly procedureTitle: string;
  readonly tenantName: string;
  readonly dossierNumber: number;
  readonly usagerName: string;
  readonly decidedAt: Date;
  /** PNG or JPEG. */
  readonly logo?: Uint8Array;
  /** PNG or JPEG. */
  readonly signature?: Uint8Array;
  readonly footer?: string;
  /** Time zone of the decision date; overseas tenants set theirs. */
  readonly timeZone?: string;
}

export function attestationProps(input: AttestationInput): AttestationDocumentProps {
  const logo = attestationImage(input.logo);
  const signature = attestationImage(input.signature);
  const footer = input.footer === undefined ? '' : toWinAnsi(input.footer).trim();
  return {
    title: toWinAnsi(input.title),
    paragraphs: splitParagraphs(input.body).map(toWinAnsi),
    procedureTitle: toWinAnsi(input.procedureTitle),
    tenantName: toWinAnsi(input.tenantName),
    dossierNumber: input.dossierNumber,
    usagerName: toWinAnsi(input.usagerName),
    decidedOn: formatAttestationDate(input.decidedAt, input.timeZone),
    ...(logo ? { logo } : {}),
    ...(signature ? { signature } : {}),
    ...(footer !== '' ? { footer } : {}),
  };
}

/** Input the attestation cannot be built from; the caller maps it to a validation error. */
export class AttestationInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Attestation impossible à générer : ${problems.join(' ; ')}.`);
    this.name = 'AttestationInputError';
  }
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The French problems of an input, empty when it can be rendered. */
export function attestationInputProblems(input: AttestationInput): string[] {
  const problems: string[] = [];
  const required: [string, string][] = [
    [input.title, 'le titre est vide'],
    [input.procedureTitle, 'le titre de la démarche est vide'],
    [input.tenantName, 'le nom de l’administration est vide'],
    [input.usagerName, 'le nom du demandeur est vide'],
  ];
  for (const [value, problem] of required) if (value.trim() === '') problems.push(problem);
  if (!Number.isSafeInteger(input.dossierNumber) || input.dossierNumber <= 0) {
    problems.push('le numéro de dossier doit être un entier positif');
  }
  if (!(input.decidedAt instanceof Date) || Number.isNaN(input.decidedAt.getTime())) problems.push('la date de décision est invalide');
  if (input.timeZone !== undefined && !isKnownTimeZone(input.timeZone)) problems.push(`le fuseau horaire « ${input.timeZone} » est inconnu`);
  return problems;
}

/** Renders the attestation as an A4 PDF; rejects with `AttestationInputError` on unusable input. */
export async function renderAttestationPdf(input: AttestationInput): Promise<Buffer> {
  const problems = attestationInputProblems(input);
  if (problems.length > 0) throw new AttestationInputError(problems);
  return renderToBuffer(createElement(AttestationDocument, attestationProps(input)));
}
