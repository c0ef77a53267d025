import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { errorCodes, GuichetError, httpStatusOf } from '@guichet/contracts';
import { RateLimitedError } from '../identity/usecases/sign-in.usecase';
import { toErrorResponse } from './http-errors';

describe('toErrorResponse', () => {
  it('maps every GuichetError code through httpStatusOf, keeping code, message and fields', () => {
    for (const code of errorCodes.filter((candidate) => !['INTERNAL', 'TIMEOUT', 'UNAVAILABLE'].includes(candidate))) {
      const response = toErrorResponse(new GuichetError(code, 'Message en français.', { champ: 'Erreur.' }));
      expect(response.status, code).toBe(httpStatusOf[code]);
      expect(response.body).toEqual({ error: { code, message: 'Message en français.', fields: { champ: 'Erreur.' } } });
      expect(response.unexpected).toBe(false);
    }
  });

  it('answers TIMEOUT (504) and UNAVAILABLE (503) with a plain sentence, not the bus subject', () => {
    const timeout = toErrorResponse(new GuichetError('TIMEOUT', 'Le service n’a pas répondu à temps (dossiers.dossier.get).'));
    expect(timeout.status).toBe(504);
    expect(timeout.body.error.message).not.toContain('dossiers.dossier.get');
    const unavailable = toErrorResponse(new GuichetError('UNAVAILABLE', 'Service indisponible (dossiers.dossier.get).'));
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.message).not.toContain('dossiers.');
  });

  it('keeps the errorId of a service’s INTERNAL error (logged there), and makes one for a local INTERNAL', () => {
    const remote = new GuichetError('INTERNAL', 'Erreur interne du service.');
    remote.errorId = 'abc-123';
    expect(toErrorResponse(remote)).toMatchObject({ status: 500, unexpected: false, body: { error: { code: 'INTERNAL', errorId: 'abc-123' } } });
    const local = toErrorResponse(new GuichetError('INTERNAL', 'x'));
    expect(local.unexpected).toBe(true);
    expect(local.body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps transport failures raised before a handler by their status', () => {
    expect(toErrorResponse(new NotFoundException()).body.error.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new HttpException('too big', 413)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toErrorResponse(new HttpException('media', 415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toErrorResponse(new BadRequestException('bad')).body.error.code).toBe('MALFORMED_REQUEST');
    expect(toErrorResponse(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 })).status).toBe(400);
    expect(toErrorResponse(Object.assign(new Error('FST_ERR_CTP_BODY_TOO_LARGE'), { statusCode: 413 })).status).toBe(413);
    expect(toErrorResponse(Object.assign(new Error('URI too long'), { statusCode: 414 })).body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('answers anything else as INTERNAL with a fresh errorId, never the raw message', () => {
    for (const error of [new Error('connection refused to 10.0.0.3'), new TypeError('x is undefined'), 'a string', null, new HttpException('boom', 502)]) {
      const response = toErrorResponse(error);
      expect(response.status).toBe(500);
      expect(response.unexpected).toBe(true);
      expect(response.body.error.code).toBe('INTERNAL');
      expect(JSON.stringify(response.body)).not.toMatch(/refused|undefined|boom/);
    }
  });

  it('tells a throttled client when to retry', () => {
    expect(toErrorResponse(new RateLimitedError(7))).toMatchObject({ status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'RATE_LIMITED' } } });
  });
});
