import { z } from 'zod';

/** Stable error codes crossing the bus and the API. Add here; never rename. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'CONTRACT_VIOLATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'CONFLICT',
  'EMAIL_TAKEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  /** The request body is not JSON (the HTTP API accepts application/json only). */
  'UNSUPPORTED_MEDIA_TYPE',
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_TYPE_MISMATCH',
  'FILE_EMPTY',
  'FILE_NOT_UPLOADED',
  'PROCEDURE_NOT_PUBLISHED',
  /** A test dossier was asked for on a procedure no longer in brouillon. */
  'PROCEDURE_NOT_IN_TEST',
  /** The procedure is closed (by an administrateur or its deadline): no new dossier, no submission. */
  'PROCEDURE_CLOSED',
  'PROCEDURE_INVALID',
  /** A lifecycle action (close, depublish, republish, publish) not allowed from the procedure's state. */
  'PROCEDURE_INVALID_TRANSITION',
  'UNKNOWN_TAGS',
  'DOSSIER_INVALID_TRANSITION',
  'MOTIVATION_REQUIRED',
  'CORRECTION_PENDING',
  'DOSSIER_NOT_EDITABLE',
  /** Archiving a dossier that has no decision yet (only accepted, refused or closed ones are archived). */
  'DOSSIER_NOT_PROCESSED',
  /** Accepting a dossier while a visible mandatory private annotation is empty (as on DS). */
  'DOSSIER_ANNOTATIONS_INCOMPLETE',
  'ATTESTATION_NOT_READY',
  'EXPORT_NOT_READY',
  /** The dossier's procedure does not allow asking experts for an avis (its `expertsAllowed` setting). */
  'EXPERTS_NOT_ALLOWED',
  'TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBodySchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Field path → French message, for VALIDATION_FAILED. */
  fields: z.record(z.string(), z.string()).optional(),
  errorId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A domain error with a stable code; mapped once per transport (bus envelope, HTTP status). */
export class GuichetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'GuichetError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }

  static fromBody(body: ErrorBody): GuichetError {
    const error = new GuichetError(body.code, body.message, body.fields);
    if (body.errorId) error.errorId = body.errorId;
    return error;
  }

  errorId?: string;
}

/** The one map from error codes to HTTP statuses; exhaustive by construction. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  MALFORMED_REQUEST: 400,
  CONTRACT_VIOLATION: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TYPE_MISMATCH: 415,
  FILE_EMPTY: 422,
  FILE_NOT_UPLOADED: 409,
  PROCEDURE_NOT_PUBLISHED: 409,
  PROCEDURE_NOT_IN_TEST: 409,
  PROCEDURE_CLOSED: 409,
  PROCEDURE_INVALID: 422,
  PROCEDURE_INVALID_TRANSITION: 409,
  UNKNOWN_TAGS: 422,
  DOSSIER_INVALID_TRANSITION: 409,
  MOTIVATION_REQUIRED: 422,
  CORRECTION_PENDING: 409,
  DOSSIER_NOT_EDITABLE: 409,
  DOSSIER_NOT_PROCESSED: 409,
  DOSSIER_ANNOTATIONS_INCOMPLETE: 409,
  ATTESTATION_NOT_READY: 409,
  EXPORT_NOT_READY: 409,
  EXPERTS_NOT_ALLOWED: 409,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Turns zod issues into field path → French message. */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!fields[path]) fields[path] = frenchMessage(issue);
  }
  return fields;
}

function frenchMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Ce champ est obligatoire.' : 'Valeur de type incorrect.';
    case 'too_small':
      return issue.origin === 'string' ? `Au moins ${String(issue.minimum)} caractères.` : `Valeur trop petite (minimum ${String(issue.minimum)}).`;
    case 'too_big':
      return issue.origin === 'string' ? `Au plus ${String(issue.maximum)} caractères.` : `Valeur trop grande (maximum ${String(issue.maximum)}).`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Adresse électronique invalide.' : 'Format invalide.';
    case 'invalid_value':
      return 'Valeur non autorisée.';
    case 'unrecognized_keys':
      return `Champs inconnus : ${issue.keys.join(', ')}.`;
    default:
      return issue.message || 'Valeur invalide.';
  }
}
