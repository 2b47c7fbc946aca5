// Session delivery benchmark: generates a delivery of 24-bit 48 kHz stereo stems in folders,
// uploads it to a freshly spawned production server, waits for the report, and writes seconds per
// GB and the server's peak RSS to bench/results/delivery.md.
//
//   node bench/delivery.js                 8 stems × 60 s (~140 MB), the default
//   node bench/delivery.js --full          40 stems × 5 min (~3.5 GB), the target
//   node bench/delivery.js --stems 12 --seconds 90
//
// Generated audio is kept under bench/.tmp (gitignored) and reused by later runs of the same size.
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const full = process.argv.includes('--full');
const STEMS = arg('stems', full ? 40 : 8);
const SECONDS = arg('seconds', full ? 300 : 60);
const RATE = 48000;
const CHANNELS = 2;
const BYTES = 3;
const GROUPS = ['drums', 'bass', 'guitars', 'keys', 'synths', 'vocals', 'strings', 'fx'];
const NAMES = [
	'Kick',
	'Snare',
	'Bass_DI',
	'Gtr_L',
	'Piano',
	'Pad',
	'Lead_Vocal',
	'Violins',
	'Riser'
];

function wavHeader(frames) {
	const data = frames * CHANNELS * BYTES;
	const h = Buffer.alloc(44);
	h.write('RIFF', 0);
	h.writeUInt32LE(36 + data, 4);
	h.write('WAVE', 8);
	h.write('fmt ', 12);
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20);
	h.writeUInt16LE(CHANNELS, 22);
	h.writeUInt32LE(RATE, 24);
	h.writeUInt32LE(RATE * CHANNELS * BYTES, 28);
	h.writeUInt16LE(CHANNELS * BYTES, 32);
	h.writeUInt16LE(BYTES * 8, 34);
	h.write('data', 36);
	h.writeUInt32LE(data, 40);
	return h;
}

/** Low-passed noise with a slow envelope, one second at a time (never the whole file in memory). */
function writeStem(file, seed) {
	const frames = SECONDS * RATE;
	const fd = fs.openSync(file, 'w');
	fs.writeSync(fd, wavHeader(frames));
	let s = seed >>> 0;
	const rnd = () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32 - 0.5;
	};
	const lp = [0, 0];
	const buf = Buffer.alloc(RATE * CHANNELS * BYTES);
	for (let sec = 0; sec < SECONDS; sec++) {
		let o = 0;
		for (let i = 0; i < RATE; i++) {
			const env = 0.35 + 0.25 * Math.sin((2 * Math.PI * (sec * RATE + i)) / (RATE * 8) + seed);
			for (let c = 0; c < CHANNELS; c++) {
				lp[c] += 0.2 * (rnd() - lp[c]);
				const q = Math.max(-8388608, Math.min(8388607, Math.round(lp[c] * env * 2 * 8388607)));
				buf.writeIntLE(q, o, 3);
				o += 3;
			}
		}
		fs.writeSync(fd, buf);
	}
	fs.closeSync(fd);
}

function generate(dir) {
	const files = [];
	for (let i = 0; i < STEMS; i++) {
		const group = GROUPS[i % GROUPS.length];
		files.push(`${group}/${NAMES[i % NAMES.length]}_${i + 1}.wav`);
	}
	files.push('Rough Mix.wav');
	const expected = 44 + SECONDS * RATE * CHANNELS * BYTES;
	for (const [i, rel] of files.entries()) {
		const file = path.join(dir, rel);
		if (fs.existsSync(file) && fs.statSync(file).size === expected) continue;
		fs.mkdirSync(path.dirname(file), { recursive: true });
		writeStem(file, i + 1);
	}
	return files;
}

const freePort = () =>
	new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});

function rssOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

const mb = (b) => `${(b / 1024 ** 2).toFixed(0)} MB`;

async function main() {
	const tmp = path.join(root, 'bench/.tmp');
	const audioDir = path.join(tmp, `delivery-${STEMS}x${SECONDS}s`);
	console.log(`Generating ${STEMS} stems × ${SECONDS} s + rough mix in ${audioDir}…`);
	const files = generate(audioDir);
	const totalBytes = files.reduce((n, f) => n + fs.statSync(path.join(audioDir, f)).size, 0);

	execSync('node scripts/ensure-build.js', { cwd: root, stdio: 'inherit' });
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
	const server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			MAX_UPLOAD_BYTES: String(8 * 1024 ** 3)
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	try {
		for (let i = 0; ; i++) {
			if (
				await fetch(`${url}/healthz`).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			if (i > 300) throw new Error('server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
		const baseline = rssOf(server.pid).rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid).rss)), 100);

		const json = async (method, p, body, headers = {}) => {
			const res = await fetch(url + p, {
				method,
				headers: { 'content-type': 'application/json', origin: url, ...headers },
				body: body && JSON.stringify(body)
			});
			if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
			return { json: await res.json(), cookie: res.headers.get('set-cookie')?.split(';')[0] };
		};
		const reg = await json('POST', '/api/v1/auth/register', {
			email: `bench-${Date.now()}@example.test`,
			password: 'correct horse battery',
			name: 'Bench'
		});
		const auth = { cookie: reg.cookie };
		const token = (await json('POST', '/api/v1/tokens', { name: 'bench' }, auth)).json.token;
		const bearer = { authorization: `Bearer ${token}` };
		const project = (await json('POST', '/api/v1/projects', { title: 'Bench' }, bearer)).json
			.project;
		const song = (
			await json('POST', `/api/v1/projects/${project.id}/songs`, { title: 'Bench song' }, bearer)
		).json.song;
		const delivery = (await json('POST', `/api/v1/songs/${song.id}/deliveries`, {}, bearer)).json
			.delivery;

		const t0 = performance.now();
		for (const rel of files) {
			const file = path.join(audioDir, rel);
			const res = await fetch(
				`${url}/api/v1/deliveries/${delivery.id}/files?path=${encodeURIComponent(rel)}`,
				{
					method: 'POST',
					headers: {
						...bearer,
						'content-type': 'audio/wav',
						'content-length': String(fs.statSync(file).size)
					},
					body: Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })),
					duplex: 'half'
				}
			);
			if (res.status !== 201) throw new Error(`upload ${rel}: ${res.status} ${await res.text()}`);
		}
		const tUploaded = performance.now();
		let report;
		for (;;) {
			const d = (await json('GET', `/api/v1/deliveries/${delivery.id}`, undefined, bearer)).json
				.delivery;
			if (d.state === 'ready') {
				report = d;
				break;
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		const tReady = performance.now();
		clearInterval(sampler);
		const { hwm } = rssOf(server.pid);
		peak = Math.max(peak, hwm);

		const gb = totalBytes / 1024 ** 3;
		const total = (tReady - t0) / 1000;
		const tail = (tReady - tUploaded) / 1000;
		const lines = [
			'# Session delivery benchmark',
			'',
			`Run with \`node bench/delivery.js${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\` on ${new Date().toISOString().slice(0, 10)}:`,
			`${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${os.platform()}.`,
			'',
			'| what | value |',
			'|---|---|',
			`| delivery | ${STEMS} stems × ${SECONDS} s + rough mix, 24-bit 48 kHz stereo WAV |`,
			`| size | ${(totalBytes / 1024 ** 2).toFixed(0)} MB (${files.length} files) |`,
			`| upload (raw bodies streamed to disk, one after another) | ${((tUploaded - t0) / 1000).toFixed(1)} s |`,
			`| report ready after the last byte | ${tail.toFixed(1)} s |`,
			`| first byte → report ready | ${total.toFixed(1)} s = **${(total / gb).toFixed(1)} s per GB** |`,
			`| server RSS at rest | ${mb(baseline)} |`,
			`| server peak RSS (VmHWM) | **${mb(peak)}** |`,
			`| report verdict | ${report.report.verdict} (${report.report.findings.filter((f) => f.level !== 'info').length} warnings/failures) |`,
			'',
			'Upload and analysis overlap: each file is analysed (one decode: loudness, true peak, peaks,',
			'hash, clipping, dual mono) while the next one uploads, so most of the time is the upload',
			'itself (client and server share the same cores here). Bodies stream to disk in chunks and',
			'analysis reads 1 MB slots, so memory should not grow with the delivery; this file records',
			'only the size that was run. For the 40 × 5 min (~3.5 GB) target: `node bench/delivery.js --full`.',
			`Load average at the end: ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(', ')} (the machine is shared).`,
			''
		];
		fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
		fs.writeFileSync(path.join(root, 'bench/results/delivery.md'), lines.join('\n'));
		console.log(lines.join('\n'));
	} finally {
		server.kill('SIGTERM');
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
