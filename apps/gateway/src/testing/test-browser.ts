import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SESSION_COOKIE } from '../identity/session.service';

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, without JSON encoding or content type. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** A client that keeps the session cookie between requests, like a browser, from one client IP. */
export class TestBrowser {
  cookie: string | undefined;

  constructor(
    private readonly app: NestFastifyApplication,
    readonly ip = '203.0.113.10',
  ) {}

  async request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD', url: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    const response = await this.app.inject({
      method,
      url,
      headers: { ...headers, ...options.headers },
      ...(options.rawBody !== undefined ? { payload: options.rawBody } : options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    });
    const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
    if (cookie) this.cookie = cookie.value && cookie.maxAge !== 0 ? cookie.value : undefined;
    let body: unknown;
    try {
      body = response.body ? (JSON.parse(response.body) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, body: body as T, headers: response.headers, text: response.body };
  }

  get<T = unknown>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, options);
  }

  post<T = unknown>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }

  put<T = unknown>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }

  patch<T = unknown>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }

  delete<T = unknown>(url: string, options?: RequestOptions) {
    return this.request<T>('DELETE', url, options);
  }
}
