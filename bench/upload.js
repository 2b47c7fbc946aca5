// Upload benchmark: the real built server (node server.js) with its own DATA_DIR on loopback,
// fed by a streamed raw POST, as a studio's export script would.
//   (a) upload → ready (format, loudness, peaks known) for a 5-min 48 kHz 24-bit stereo WAV,
//       split into transfer time and analysis time (and the MP3 stream that follows);
//   (b) the server's peak RSS growth while it receives and analyses an 8-min 96 kHz 32-bit float
//       stereo WAV (~370 MB), sampled from /proc/<pid>/status every 50 ms. Target: < 150 MB.
// Usage: npm run bench:upload   (writes bench/results/upload.md; inputs cached in bench/.tmp)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWav } from './audio-gen.js';
import { apiSession, startServer } from './bench-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const tmp = path.join(here, '.tmp');
const TARGET_MB = 150;
const MB = 2 ** 20;

const FILES = [
	{
		name: 'mix-5min-48k-s24.wav',
		spec: { rate: 48000, seconds: 300, bits: 24 },
		label: '5 min, 48 kHz, 24-bit int, stereo'
	},
	{
		name: 'mix-8min-96k-f32.wav',
		spec: { rate: 96000, seconds: 480, bits: 32, float: true },
		label: '8 min, 96 kHz, 32-bit float, stereo'
	}
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM of a process, in bytes (Linux). */
function memory(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
	return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** A bench user with a project and a song to upload into. */
async function session(origin) {
	const api = await apiSession(origin, 'Bench');
	const { project } = await api.call('POST', '/api/v1/projects', { title: 'Bench EP' });
	const { song } = await api.call('POST', `/api/v1/projects/${project.id}/songs`, {
		title: 'Bench'
	});
	return { ...api, song };
}

/** Streams the file as the request body (1 MiB reads, the socket's own back-pressure). */
function rawPost(origin, p, file, cookie) {
	const size = fs.statSync(file).size;
	return new Promise((resolve, reject) => {
		const req = http.request(origin + p, {
			method: 'POST',
			headers: { cookie, origin, 'content-type': 'audio/wav', 'content-length': size }
		});
		req.on('response', (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (text += d));
			res.on('end', () =>
				res.statusCode === 201
					? resolve(JSON.parse(text))
					: reject(new Error(`${res.statusCode} ${text}`))
			);
		});
		req.on('error', reject);
		fs.createReadStream(file, { highWaterMark: MB }).on('error', reject).pipe(req);
	});
}

async function measure(file) {
	const dataDir = fs.mkdtempSync(path.join(tmp, 'upload-data-'));
	const { proc, origin } = await startServer(dataDir);
	try {
		const api = await session(origin);
		await sleep(1000); // let start-up garbage settle before the baseline
		const baseline = memory(proc.pid).rss;
		let peak = baseline;
		let peakToReady = baseline;
		let ready = false;
		const sampler = setInterval(() => {
			const { rss } = memory(proc.pid);
			peak = Math.max(peak, rss);
			if (!ready) peakToReady = Math.max(peakToReady, rss);
		}, 50);
		const t0 = performance.now();
		const { version } = await rawPost(
			origin,
			`/api/v1/songs/${api.song.id}/versions?filename=${encodeURIComponent(path.basename(file))}`,
			file,
			api.cookie()
		);
		const tUploaded = performance.now();
		let v = version;
		const progress = [];
		while (v.status === 'processing') {
			await sleep(50);
			({ version: v } = await api.call('GET', `/api/v1/versions/${version.id}`));
			if (v.status === 'processing') progress.push(v.progress);
		}
		const tReady = performance.now();
		ready = true;
		if (v.status !== 'ready') throw new Error(`analysis failed: ${v.error}`);
		while (v.stream.status === 'pending') {
			await sleep(100);
			({ version: v } = await api.call('GET', `/api/v1/versions/${version.id}`));
		}
		const tStream = performance.now();
		clearInterval(sampler);
		const end = memory(proc.pid);
		return {
			sizeMB: v.sizeBytes / MB,
			transferS: (tUploaded - t0) / 1000,
			analysisS: (tReady - tUploaded) / 1000,
			totalS: (tReady - t0) / 1000,
			streamS: (tStream - tReady) / 1000,
			streamStatus: v.stream.status,
			lufs: v.loudness.integratedLufs,
			// What a watcher of GET /versions/:id saw of `progress` while it was processing.
			progressSeen: progress.map((p) => Math.round(p * 100)).join(' '),
			baselineMB: baseline / MB,
			growthToReadyMB: (peakToReady - baseline) / MB,
			growthMB: (peak - baseline) / MB,
			hwmMB: end.hwm / MB
		};
	} finally {
		proc.kill('SIGTERM');
		await new Promise((resolve) => proc.once('exit', resolve));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

async function main() {
	fs.mkdirSync(tmp, { recursive: true });
	fs.mkdirSync(path.join(here, 'results'), { recursive: true });
	execFileSync(process.execPath, ['scripts/ensure-build.js'], { cwd: root, stdio: 'inherit' });
	const rows = [];
	for (const f of FILES) {
		const file = path.join(tmp, f.name);
		await generateWav(file, f.spec);
		execFileSync('sync');
		const r = { ...f, ...(await measure(file)) };
		console.log(r);
		rows.push(r);
	}
	const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
	// Times are only comparable on a quiet machine; the load says whether it was.
	const load = loadavg()[0].toFixed(1);
	const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`;
	const s = (x) => x.toFixed(2);
	const m = (x) => x.toFixed(0);
	const lines = [
		'# Upload benchmark',
		'',
		'Generated by `npm run bench:upload` (`node bench/upload.js`): the built server (`node server.js`) with',
		'its own DATA_DIR on loopback; one raw `POST /api/v1/songs/:id/versions` streamed from disk per file.',
		'Transfer = request start → 201 (body streamed to disk with SHA-256 and header probe, version row',
		'created). Analysis = 201 → `status: "ready"` (format, loudness, true peak, LRA, peaks; polled every',
		'50 ms). Stream = ready → the 192 kbps MP3 listening copy exists. RSS growth = the server',
		"process's peak VmRSS (sampled every 50 ms from /proc) minus its idle VmRSS before the upload;",
		`worker threads are in the same process, so they count. Target: growth < ${TARGET_MB} MB.`,
		'',
		`${date} · ${machine} · load average ${load} at the end of the run`,
		'',
		'| file | size MB | transfer s | analysis s | upload → ready s | stream s | LUFS | idle RSS MB | RSS growth to ready MB | RSS growth incl. stream MB |',
		'|---|---|---|---|---|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${r.label} | ${m(r.sizeMB)} | ${s(r.transferS)} | ${s(r.analysisS)} | ${s(r.totalS)} | ${s(r.streamS)} (${r.streamStatus}) | ${r.lufs.toFixed(1)} | ${m(r.baselineMB)} | ${m(r.growthToReadyMB)} | ${m(r.growthMB)} |`
		),
		''
	];
	fs.writeFileSync(path.join(here, 'results', 'upload.md'), lines.join('\n'));
	console.log(lines.join('\n'));
	const worst = Math.max(...rows.map((r) => r.growthToReadyMB));
	console.log(worst < TARGET_MB ? 'TARGET MET' : `TARGET NOT MET (${m(worst)} MB)`);
}

await main();
