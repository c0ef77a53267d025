import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { GuichetError, httpStatusOf, type ErrorBody, type ErrorCode } from '@guichet/contracts';

export interface ErrorResponse {
  status: number;
  body: { error: ErrorBody };
  headers: Record<string, string>;
  /** Set when nothing the client sent explains the error: it must be logged with its errorId. */
  unexpected: boolean;
}

const messages: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Ressource introuvable.',
  MALFORMED_REQUEST: 'Requête mal formée.',
  PAYLOAD_TOO_LARGE: 'Le corps de la requête est trop volumineux (1 Mo au plus).',
  UNSUPPORTED_MEDIA_TYPE: 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).',
  INTERNAL: 'Une erreur interne est survenue. Si elle persiste, communiquez sa référence au support.',
  TIMEOUT: 'Le service n’a pas répondu à temps. Veuillez réessayer dans quelques instants.',
  UNAVAILABLE: 'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
};

/** HTTP-level failures raised before a handler runs (routing, body reading) carry only a status. */
function codeForStatus(status: number): ErrorCode | null {
  if (status === 404 || status === 405) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 400 && status < 500) return 'MALFORMED_REQUEST';
  return null;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The one mapping from anything thrown while serving a request to the JSON error envelope
 * `{ error: { code, message, fields?, errorId? } }`: GuichetError codes through `httpStatusOf`,
 * transport failures by their status, everything else INTERNAL with a fresh errorId.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  const headers: Record<string, string> = {};
  if (error instanceof GuichetError) {
    const body: ErrorBody = error.toBody();
    let unexpected = false;
    if (error.code === 'INTERNAL') {
      body.message = messages.INTERNAL as string;
      body.errorId = error.errorId ?? randomUUID();
      // An errorId that came from another service was logged there; one made here must be logged here.
      unexpected = error.errorId === undefined;
    } else if (error.code === 'TIMEOUT' || error.code === 'UNAVAILABLE') {
      // The bus message names internal subjects; the client gets a plain sentence.
      body.message = messages[error.code] as string;
    } else if (error.errorId) {
      body.errorId = error.errorId;
    }
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    return { status: httpStatusOf[error.code], body: { error: body }, headers, unexpected };
  }
  const status = statusOf(error);
  const code = status === undefined ? null : codeForStatus(status);
  if (code) return { status: httpStatusOf[code], body: { error: { code, message: messages[code] ?? 'Requête refusée.' } }, headers, unexpected: false };
  return { status: 500, body: { error: { code: 'INTERNAL', message: messages.INTERNAL as string, errorId: randomUUID() } }, headers, unexpected: true };
}
