import { describe, expect, it } from 'vitest';
import { publicEndpoint, s3ErrorCode } from './object-storage';

describe('publicEndpoint', () => {
  it('takes host, port and scheme from S3_PUBLIC_URL', () => {
    expect(publicEndpoint('http://localhost:9000')).toEqual({ endPoint: 'localhost', port: 9000, useSSL: false });
    expect(publicEndpoint('https://s3.example.fr/')).toEqual({ endPoint: 's3.example.fr', port: 443, useSSL: true });
    expect(publicEndpoint('http://s3.example.fr')).toEqual({ endPoint: 's3.example.fr', port: 80, useSSL: false });
  });

  it('refuses a path prefix, which would change what is signed', () => {
    expect(() => publicEndpoint('https://example.fr/s3')).toThrow('S3_PUBLIC_URL must not have a path');
  });
});

describe('s3ErrorCode', () => {
  it('reads the code minio puts on its errors, and nothing else', () => {
    expect(s3ErrorCode(Object.assign(new Error('x'), { code: 'NoSuchKey' }))).toBe('NoSuchKey');
    expect(s3ErrorCode({ code: 42 })).toBeUndefined();
    expect(s3ErrorCode(new Error('x'))).toBeUndefined();
    expect(s3ErrorCode(null)).toBeUndefined();
    expect(s3ErrorCode('NoSuchKey')).toBeUndefined();
  });
});
