/**
 * A small API client for tests: keeps the session cookie like a browser and sends the app's Origin
 * on state changes (as a browser would), or a Bearer token like a script.
 */
export class ApiClient {
	cookie = '';
	token = '';
	constructor(
		public base: string,
		public origin: string | null = base
	) {}

	async request(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	) {
		const h: Record<string, string> = { ...headers };
		if (this.cookie) h.cookie = this.cookie;
		if (this.token) h.authorization = `Bearer ${this.token}`;
		if (this.origin && method !== 'GET' && method !== 'HEAD') h.origin = this.origin;
		let payload: BodyInit | undefined;
		if (body instanceof Uint8Array || body instanceof ArrayBuffer || typeof body === 'string') {
			payload = body as BodyInit;
		} else if (body !== undefined) {
			payload = JSON.stringify(body);
			h['content-type'] ??= 'application/json';
		}
		const res = await fetch(this.base + path, {
			method,
			headers: h,
			body: payload,
			redirect: 'manual'
		});
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
		if (setCookie) {
			const value = setCookie.split(';')[0];
			this.cookie = value === 'session=' ? '' : value;
		}
		const text = await res.text();
		let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			json = null;
		}
		return { status: res.status, headers: res.headers, json, text };
	}

	get = (p: string) => this.request('GET', p);
	post = (p: string, b?: unknown) => this.request('POST', p, b ?? {});
	put = (p: string, b?: unknown) => this.request('PUT', p, b ?? {});
	patch = (p: string, b?: unknown) => this.request('PATCH', p, b ?? {});
	delete = (p: string) => this.request('DELETE', p);
}

let counter = 0;
/** Registers a fresh user and returns a signed-in client. */
export async function signUp(base: string, name = 'Test User', role = 'user') {
	const client = new ApiClient(base);
	const email = `${role}-${Date.now()}-${++counter}@example.test`;
	const res = await client.post('/api/v1/auth/register', {
		email,
		password: 'correct horse battery',
		name
	});
	if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
	return { client, user: res.json.user as { id: string; email: string; name: string }, email };
}
