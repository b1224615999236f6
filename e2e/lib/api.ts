// A logged-in HTTP session from Node, for the few facts a flow needs that a person would
// not click for (e.g. which member the demo `member` account is).

export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const r = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (r.status !== 200) throw new Error(`API login as ${username}: HTTP ${r.status} ${await r.text()}`);
    const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } });
    const body = (await me.json()) as { csrfToken?: string };
    return new ApiSession(baseUrl, cookie, body.csrfToken ?? '');
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: r.status, body: parsed };
  }

  async get<T>(path: string): Promise<T> {
    const r = await this.request('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body as T;
  }
}
