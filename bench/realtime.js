// Real-time delivery benchmark: `node bench/realtime.js` (loopback only, bounded loops).
// N socket.io-client clients (spread over child processes) join versions on the real built Bounce
// server; one writer POSTs notes over HTTP; every client timestamps each `comment:created`.
// Anchor, same run, same clients: a bare socket.io server that only relays the same payload.
// Results: bench/results/realtime.md.
import { execSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
// ws is socket.io's own WebSocket library (installed with it); used here to talk to the inspector.
import WebSocket from 'ws';
import { freePort } from './bench-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHILDREN = 2;
const WARMUP = 10;
const ROUNDS = 2;
let noteSeq = 0;
const GAP_MS = 25;
const SCENARIOS = [
	{ name: '200 clients, 1 version', clients: 200, versions: 1, notes: 300 },
	{ name: '1,000 clients, 50 versions', clients: 1000, versions: 50, notes: 400 }
];

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Memory of a server process through its inspector (started with --inspect on a free loopback
 * port): a full GC first, then process.memoryUsage(), so per-client figures are not GC noise.
 */
async function inspectorFor(proc) {
	let err = '';
	const wsUrl = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no inspector URL: ${err}`)), 10_000);
		proc.stderr.on('data', (d) => {
			err += d;
			const m = err.match(/ws:\/\/[^\s]+/);
			if (m) {
				clearTimeout(timer);
				resolve(m[0]);
			}
		});
	});
	const ws = new WebSocket(wsUrl);
	await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
	let id = 0;
	const send = (method, params = {}) =>
		new Promise((resolve) => {
			const my = ++id;
			const onMessage = (raw) => {
				const msg = JSON.parse(String(raw));
				if (msg.id !== my) return;
				ws.off('message', onMessage);
				resolve(msg.result);
			};
			ws.on('message', onMessage);
			ws.send(JSON.stringify({ id: my, method, params }));
		});
	return {
		async memory() {
			await send('HeapProfiler.collectGarbage');
			const r = await send('Runtime.evaluate', {
				expression: 'JSON.stringify(process.memoryUsage())',
				returnByValue: true
			});
			return JSON.parse(r.result.value);
		},
		close: () => ws.close()
	};
}

async function waitFor(url) {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(url)).status < 500) return;
		} catch {
			/* not yet */
		}
		await sleep(100);
	}
	throw new Error(`${url} did not come up`);
}

async function startBounce(dataDir) {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const proc = spawn(process.execPath, [`--inspect=127.0.0.1:${await freePort()}`, 'server.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATA_DIR: dataDir },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	const inspector = await inspectorFor(proc);
	await waitFor(`${url}/healthz`);
	return { url, proc, inspector };
}

async function startBare() {
	const port = await freePort();
	const proc = fork(path.join(ROOT, 'bench/bare-relay.js'), [], {
		env: { ...process.env, PORT: String(port) },
		execArgv: [`--inspect=127.0.0.1:${await freePort()}`],
		stdio: ['ignore', 'ignore', 'pipe', 'ipc']
	});
	const inspector = await inspectorFor(proc);
	await new Promise((resolve) => proc.once('message', resolve));
	return { url: `http://127.0.0.1:${port}`, proc, inspector };
}

async function call(url, method, pathname, body, cookie) {
	const res = await fetch(url + pathname, {
		method,
		headers: {
			'content-type': 'application/json',
			origin: url,
			...(cookie && { cookie })
		},
		body: body && JSON.stringify(body)
	});
	const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	const json = await res.json().catch(() => null);
	if (res.status >= 300)
		throw new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
	return { json, cookie: setCookie?.split(';')[0] };
}

/** Owner + 9 members, a project, a song and `versions` ready versions (seeded into SQLite). */
async function setupBounce(url, dataDir, versions) {
	const stamp = Date.now();
	const owner = await call(url, 'POST', '/api/v1/auth/register', {
		email: `owner-${stamp}@bench.test`,
		password: 'bench password 1',
		name: 'Bench Owner'
	});
	const project = await call(url, 'POST', '/api/v1/projects', { title: 'Bench' }, owner.cookie);
	const projectId = project.json.project.id;
	const song = await call(
		url,
		'POST',
		`/api/v1/projects/${projectId}/songs`,
		{ title: 'Bench song' },
		owner.cookie
	);
	const cookies = [owner.cookie];
	for (let i = 0; i < 9; i++) {
		const email = `m${i}-${stamp}@bench.test`;
		const m = await call(url, 'POST', '/api/v1/auth/register', {
			email,
			password: 'bench password 1',
			name: `Listener ${i}`
		});
		await call(
			url,
			'POST',
			`/api/v1/projects/${projectId}/members`,
			{ email, role: ['artist', 'label', 'engineer'][i % 3] },
			owner.cookie
		);
		cookies.push(m.cookie);
	}
	const db = new Database(path.join(dataDir, 'bounce.sqlite'));
	db.pragma('busy_timeout = 5000');
	const insert = db.prepare(
		`insert into version (id, song_id, project_id, number, filename, created_at, size_bytes, sha256,
		 status, format, container) values (?, ?, ?, ?, ?, ?, 1000, ?, 'ready', ?, 'wav')`
	);
	const versionIds = [];
	for (let n = 1; n <= versions; n++) {
		const id = randomBytes(15).toString('hex');
		insert.run(
			id,
			song.json.song.id,
			projectId,
			n,
			`v${n}.wav`,
			new Date().toISOString(),
			randomBytes(32).toString('hex'),
			JSON.stringify({ durationMs: 240_000 })
		);
		versionIds.push(id);
	}
	db.close();
	return { writer: owner.cookie, cookies, versionIds };
}

function startChildren() {
	return Array.from({ length: CHILDREN }, () => {
		const child = fork(path.join(ROOT, 'bench/realtime-clients.js'), [], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		started.add(child);
		return child;
	});
}

function ask(child, msg, answer) {
	return new Promise((resolve, reject) => {
		const listener = (m) => {
			if (m.type === 'error') reject(new Error(m.message));
			else if (m.type === answer) {
				child.off('message', listener);
				resolve(m);
			} else return;
			child.off('message', listener);
		};
		child.on('message', listener);
		child.send(msg);
	});
}

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** One target × one scenario: connect, warm up, post notes one by one, collect arrivals. */
async function run(target, scenario, setup) {
	const children = startChildren();
	const versionIds = setup.versionIds.slice(0, scenario.versions);
	const clients = Array.from({ length: scenario.clients }, (_, i) => ({
		cookie: setup.cookies[i % setup.cookies.length],
		versionId: versionIds[i % versionIds.length]
	}));
	await sleep(300);
	const before = await target.inspector.memory();
	await Promise.all(
		children.map((c, k) =>
			ask(
				c,
				{ type: 'connect', url: target.url, clients: clients.filter((_, i) => i % CHILDREN === k) },
				'connected'
			)
		)
	);
	await sleep(1500); // let presence broadcasts after the joins settle
	const after = await target.inspector.memory();
	const perVersion = scenario.clients / scenario.versions;
	const sent = new Map();
	const postMs = [];
	for (let i = 0; i < WARMUP + scenario.notes; i++) {
		const versionId = versionIds[i % versionIds.length];
		const marker = `${target.name} ${scenario.name} note ${String(i).padStart(4, '0')} — kick a touch loud`;
		const t0 = now();
		await target.post(versionId, marker);
		const t1 = now();
		if (i >= WARMUP) {
			sent.set(marker, { t0, t1 });
			postMs.push(t1 - t0);
		}
		await sleep(GAP_MS);
	}
	await sleep(1500);
	const fromResponse = [];
	const fromSend = [];
	for (const c of children) {
		const { arrivals } = await ask(c, { type: 'collect' }, 'arrivals');
		for (const [marker, at] of arrivals) {
			const s = sent.get(marker);
			if (!s) continue;
			fromResponse.push(at - s.t1);
			fromSend.push(at - s.t0);
		}
	}
	await Promise.all(children.map((c) => ask(c, { type: 'close' }, 'closed')));
	for (const c of children) c.send({ type: 'exit' });
	fromResponse.sort((a, b) => a - b);
	fromSend.sort((a, b) => a - b);
	postMs.sort((a, b) => a - b);
	const expected = scenario.notes * perVersion;
	return {
		target: target.name,
		scenario: scenario.name,
		delivered: fromResponse.length,
		expected,
		p50Resp: pct(fromResponse, 0.5),
		p99Resp: pct(fromResponse, 0.99),
		p50Send: pct(fromSend, 0.5),
		p99Send: pct(fromSend, 0.99),
		maxSend: fromSend.at(-1),
		postP50: pct(postMs, 0.5),
		postP99: pct(postMs, 0.99),
		heapKbPerClient: (after.heapUsed - before.heapUsed) / 1024 / scenario.clients,
		rssKbPerClient: (after.rss - before.rss) / 1024 / scenario.clients
	};
}

const fmt = (n) => (n === undefined ? '–' : n.toFixed(1));

/** Every process this script started, ended by pid on any exit (never by name). */
const started = new Set();
process.on('exit', () => {
	for (const p of started) if (p.exitCode === null) p.kill('SIGTERM');
});

async function main() {
	execSync('node scripts/ensure-build.js', { cwd: ROOT, stdio: 'inherit' });
	const loadBefore = os.loadavg()[0];
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounce-bench-'));
	const bounce = await startBounce(dataDir);
	started.add(bounce.proc);
	const bare = await startBare();
	started.add(bare.proc);
	const setup = await setupBounce(bounce.url, dataDir, 50);
	let lastComment = null;
	const targets = [
		{
			name: 'bare socket.io relay',
			...bare,
			post: async (versionId, marker) => {
				// The same payload shape and size as Bounce's comment.
				const payload = { ...(lastComment ?? {}), body: marker, versionId };
				await call(bare.url, 'POST', `/relay/${versionId}`, payload);
			}
		},
		{
			name: 'Bounce',
			...bounce,
			post: async (versionId, marker) => {
				const r = await call(
					bounce.url,
					'POST',
					`/api/v1/versions/${versionId}/comments`,
					{ body: marker, atMs: 1000, clientId: `bench-${++noteSeq}` },
					setup.writer
				);
				lastComment = r.json.comment;
			}
		}
	];
	// Prime the payload shape for the anchor with one real note.
	await targets[1].post(setup.versionIds[0], 'prime');
	const results = [];
	try {
		for (const scenario of SCENARIOS) {
			for (const target of Array.from({ length: ROUNDS }, () => targets).flat()) {
				console.log(`${scenario.name} → ${target.name} …`);
				const r = await run(target, scenario, setup);
				console.log(r);
				results.push(r);
			}
		}
	} finally {
		bounce.inspector.close();
		bare.inspector.close();
		bounce.proc.kill('SIGTERM');
		bare.proc.kill('SIGTERM');
	}
	const lines = [
		'# Real-time delivery benchmark',
		'',
		`Run: ${new Date().toISOString()} · Node ${process.version} · ${os.cpus()[0]?.model} × ${os.cpus().length} · loopback · ` +
			`load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`,
		'',
		`Clients are socket.io-client 4.8 (websocket) in ${CHILDREN} child processes; one writer POSTs ` +
			`notes one at a time (${GAP_MS} ms apart, ${WARMUP} warm-up notes not counted). Latency is measured ` +
			'from the moment the POST’s response arrived (and, for reference, from the moment it was sent) ' +
			'to the arrival of `comment:created` at each client. The anchor relays the same payload to the ' +
			'same clients from a bare socket.io server (same options, no auth, no database). ' +
			'Memory: the server process’s growth (heap after a forced GC, through the inspector; and RSS) ' +
			'from before the clients connected to after they joined, per client. Each pair runs ' +
			`${ROUNDS} times, interleaved, on a shared 2-core machine: read the spread as noise.`,
		'',
		'| scenario | server | delivered | p50 from response (ms) | p99 from response (ms) | p50 from send (ms) | p99 from send (ms) | max from send (ms) | POST p50 / p99 (ms) | heap per client (KB) | RSS per client (KB) |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
		...results.map(
			(r) =>
				`| ${r.scenario} | ${r.target} | ${r.delivered}/${r.expected} | ${fmt(r.p50Resp)} | ${fmt(r.p99Resp)} | ${fmt(r.p50Send)} | ${fmt(r.p99Send)} | ${fmt(r.maxSend)} | ${fmt(r.postP50)} / ${fmt(r.postP99)} | ${fmt(r.heapKbPerClient)} | ${fmt(r.rssKbPerClient)} |`
		),
		'',
		'Bounce against the bare relay, per round:',
		'',
		...SCENARIOS.flatMap((s) => {
			const of = (name) => results.filter((r) => r.scenario === s.name && r.target === name);
			const bare = of('bare socket.io relay');
			return of('Bounce').map(
				(b, i) =>
					`- ${s.name}, round ${i + 1}: p99 from send ${fmt(b.p99Send / bare[i].p99Send)}x ` +
					`(${fmt(b.p99Send)} vs ${fmt(bare[i].p99Send)} ms); p99 from response ` +
					`${fmt(b.p99Resp)} vs ${fmt(bare[i].p99Resp)} ms`
			);
		}),
		''
	];
	fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, 'bench/results/realtime.md'), lines.join('\n'));
	console.log(lines.join('\n'));
	fs.rmSync(dataDir, { recursive: true, force: true });
}

try {
	await main();
} catch (e) {
	console.error(e);
	process.exitCode = 1;
}
