/** A minimal client of the gateway's HTTP API that keeps its session cookie, like a browser. */
export interface GatewayResponse<T> {
  status: number;
  body: T;
}

export class GatewayHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  }

  get code(): string | undefined {
    return (this.body as { error?: { code?: string } } | undefined)?.error?.code;
  }
}

export class GatewayClient {
  private cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<GatewayResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';')[0] ?? '';
      if (pair.startsWith('guichet_session=')) this.cookie = pair === 'guichet_session=' ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T };
  }

  /** The body of a 2xx answer, else a GatewayHttpError naming what failed. */
  async expect<T>(what: string, method: string, path: string, body?: unknown, accepted: number[] = [200, 201, 204]): Promise<GatewayResponse<T>> {
    const response = await this.request<T>(method, path, body);
    if (!accepted.includes(response.status)) throw new GatewayHttpError(response.status, response.body, what);
    return response;
  }
}
