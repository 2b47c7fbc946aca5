// Shared by the benchmarks: a free loopback port, and the production server (`node server.js`,
// built beforehand) started with its own DATA_DIR, its log in DATA_DIR/server.log.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * `host` is the origin's host name: `localhost` where a browser must keep the session cookie
 * (it is Secure elsewhere), `127.0.0.1` for plain API clients.
 */
export async function startServer(dataDir, { host = '127.0.0.1' } = {}) {
	const port = await freePort();
	const origin = `http://${host}:${port}`;
	const log = fs.openSync(path.join(dataDir, 'server.log'), 'w');
	const proc = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir
		},
		stdio: ['ignore', log, log]
	});
	for (let i = 0; ; i++) {
		if (proc.exitCode !== null) throw new Error(`server exited: see ${dataDir}/server.log`);
		const ok = await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return { proc, origin };
		if (i > 300) throw new Error('server did not start');
		await sleep(100);
	}
}

/**
 * A newly registered user's API session: keeps the session cookie and sends the app's Origin,
 * as a browser would. `call(method, path, body, contentType)` throws on any error status.
 */
export async function apiSession(origin, name = 'Bench Engineer') {
	let cookie = '';
	const call = async (method, p, body, type = 'application/json') => {
		const res = await fetch(origin + p, {
			method,
			headers: { cookie, origin, 'content-type': type },
			body: body instanceof Buffer ? body : body && JSON.stringify(body)
		});
		const set = res.headers.getSetCookie().find((c) => c.startsWith('session='));
		if (set) cookie = set.split(';')[0];
		const json = await res.json();
		if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
	await call('POST', '/api/v1/auth/register', {
		email: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
		password: 'correct horse battery',
		name
	});
	return { call, cookie: () => cookie };
}
