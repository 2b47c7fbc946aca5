import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../support/client';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

describe('accounts', () => {
	it('registers, reads me, logs out and loses the session server-side', async () => {
		const { client, user, email } = await signUp(server.url, 'Ada Mix');
		expect(user).toMatchObject({ email, name: 'Ada Mix' });
		expect(user).not.toHaveProperty('password_hash');
		const me = await client.get('/api/v1/me');
		expect(me.status).toBe(200);
		expect(me.json.user.id).toBe(user.id);
		const stolen = client.cookie;
		expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
		const replay = new ApiClient(server.url);
		replay.cookie = stolen;
		expect((await replay.get('/api/v1/me')).status).toBe(401);
	});

	it('refuses a duplicate e-mail with 409 and bad input with 400', async () => {
		const { email } = await signUp(server.url);
		const c = new ApiClient(server.url);
		const dup = await c.post('/api/v1/auth/register', {
			email,
			password: 'another password',
			name: 'X'
		});
		expect(dup.status).toBe(409);
		expect(dup.json.error.code).toBe('email_taken');
		const bad = await c.post('/api/v1/auth/register', {
			email: 'nope',
			password: 'short',
			name: ''
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.message).toMatch(/e-mail/i);
		const notJson = await c.request('POST', '/api/v1/auth/register', '{oops', {
			'content-type': 'application/json'
		});
		expect(notJson.status).toBe(400);
		expect(notJson.json.error.code).toBe('invalid_json');
	});

	it('throttles failed logins with 429 and Retry-After, without locking out another address', async () => {
		const { email } = await signUp(server.url);
		const c = new ApiClient(server.url);
		for (let i = 0; i < 5; i++) {
			const r = await c.post('/api/v1/auth/login', { email, password: 'wrong password' });
			expect(r.status).toBe(401);
			expect(r.json.error.code).toBe('invalid_credentials');
		}
		const limited = await c.post('/api/v1/auth/login', {
			email,
			password: 'correct horse battery'
		});
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('signs in with the right password', async () => {
		const { email } = await signUp(server.url);
		const c = new ApiClient(server.url);
		const r = await c.post('/api/v1/auth/login', { email, password: 'correct horse battery' });
		expect(r.status).toBe(200);
		expect(r.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
		expect(r.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/i);
		const me = await c.get('/api/v1/me');
		expect(me.status).toBe(200);
		// A fresh session is not re-sent on every request (only when its expiry slides).
		expect(me.headers.getSetCookie()).toEqual([]);
	});

	it('personal access tokens: shown once, work as Bearer, revocable', async () => {
		const { client } = await signUp(server.url);
		const created = await client.post('/api/v1/tokens', { name: 'DAW export script' });
		expect(created.status).toBe(201);
		expect(created.json.token).toMatch(/^bnc_/);
		const list = await client.get('/api/v1/tokens');
		expect(JSON.stringify(list.json)).not.toContain(created.json.token);
		const script = new ApiClient(server.url, null);
		script.token = created.json.token;
		expect((await script.get('/api/v1/me')).status).toBe(200);
		expect((await script.post('/api/v1/projects', { title: 'From a script' })).status).toBe(201);
		expect((await client.delete(`/api/v1/tokens/${created.json.id}`)).status).toBe(204);
		expect((await script.get('/api/v1/me')).status).toBe(401);
	});

	it('requires the app Origin on cookie-authenticated state changes', async () => {
		const { client } = await signUp(server.url);
		client.origin = 'https://evil.example';
		const r = await client.post('/api/v1/projects', { title: 'CSRF' });
		expect(r.status).toBe(403);
		expect(r.json.error.code).toBe('forbidden_origin');
		client.origin = null;
		expect((await client.post('/api/v1/projects', { title: 'No origin' })).status).toBe(403);
	});

	it('answers /healthz', async () => {
		const r = await new ApiClient(server.url).get('/healthz');
		expect(r.json).toEqual({ ok: true });
	});
});
