// `npm run demo`: seeds a demo project into DATA_DIR (./data) through the real API — an engineer,
// an artist and a label person, a brief with references, a song with two synthesized versions and a
// few notes — then prints how to sign in as each. Afterwards `npm start` serves it.
import { spawn } from 'node:child_process';
import net from 'node:net';

const PASSWORD = 'bounce-demo-2026';
const people = {
	engineer: { name: 'Erin Engineer', email: 'engineer@demo.bounce' },
	artist: { name: 'Ari Artist', email: 'artist@demo.bounce' },
	label: { name: 'Lou Label', email: 'label@demo.bounce' }
};

/** A stereo 24-bit WAV: a small chord progression with a kick, so the waveform has shape. */
function synthWav(seconds, { vocalLevel = 0.25, seed = 1 } = {}) {
	const rate = 48000;
	const frames = seconds * rate;
	const bytes = 3 * 2;
	const buf = Buffer.alloc(44 + frames * bytes);
	buf.write('RIFF', 0);
	buf.writeUInt32LE(36 + frames * bytes, 4);
	buf.write('WAVEfmt ', 8);
	buf.writeUInt32LE(16, 16);
	buf.writeUInt16LE(1, 20);
	buf.writeUInt16LE(2, 22);
	buf.writeUInt32LE(rate, 24);
	buf.writeUInt32LE(rate * bytes, 28);
	buf.writeUInt16LE(bytes, 32);
	buf.writeUInt16LE(24, 34);
	buf.write('data', 36);
	buf.writeUInt32LE(frames * bytes, 40);
	const chords = [
		[220, 277.18, 329.63],
		[196, 246.94, 293.66],
		[174.61, 220, 261.63],
		[196, 246.94, 311.13]
	];
	let noise = seed;
	for (let i = 0; i < frames; i++) {
		const t = i / rate;
		const chord = chords[Math.floor(t / 2) % chords.length];
		let pad = 0;
		for (const f of chord) pad += Math.sin(2 * Math.PI * f * t);
		const beat = t % 0.5;
		const kick =
			Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-beat * 30)) * beat) * Math.exp(-beat * 9);
		noise = (noise * 1103515245 + 12345) & 0x7fffffff;
		const hat = ((noise / 0x7fffffff) * 2 - 1) * Math.exp(-((t + 0.25) % 0.5) * 60) * 0.15;
		const vocal =
			Math.sin(2 * Math.PI * 440 * t + Math.sin(2 * Math.PI * 5 * t)) *
			vocalLevel *
			(Math.sin(t * 0.7) > 0 ? 1 : 0.2);
		const swell = 0.6 + 0.4 * Math.sin((2 * Math.PI * t) / seconds);
		for (let c = 0; c < 2; c++) {
			const s = (pad * 0.12 * swell + kick * 0.5 + hat + vocal) * (c ? 0.97 : 1);
			const v = Math.max(-8388608, Math.min(8388607, Math.round(s * 0.5 * 8388607)));
			buf.writeIntLE(v, 44 + i * bytes + c * 3, 3);
		}
	}
	return buf;
}

async function freePort() {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

class Client {
	cookie = '';
	constructor(base) {
		this.base = base;
	}
	async call(method, path, body, headers = {}) {
		const h = { origin: this.base, ...headers };
		if (this.cookie) h.cookie = this.cookie;
		let payload = body;
		if (body && !(body instanceof Buffer)) {
			payload = JSON.stringify(body);
			h['content-type'] = 'application/json';
		}
		const res = await fetch(this.base + path, { method, headers: h, body: payload });
		const set = res.headers.getSetCookie().find((c) => c.startsWith('session='));
		if (set) this.cookie = set.split(';')[0];
		const json = await res.json().catch(() => null);
		if (res.status >= 400)
			throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
		return json;
	}
}

async function signIn(base, person) {
	const c = new Client(base);
	try {
		await c.call('POST', '/api/v1/auth/register', { ...person, password: PASSWORD });
	} catch {
		await c.call('POST', '/api/v1/auth/login', { email: person.email, password: PASSWORD });
	}
	return c;
}

async function waitReady(c, versionId) {
	for (let i = 0; i < 300; i++) {
		const { version } = await c.call('GET', `/api/v1/versions/${versionId}`);
		if (version.status !== 'processing') return version;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('analysis did not finish');
}

async function seed(base) {
	const engineer = await signIn(base, people.engineer);
	const artist = await signIn(base, people.artist);
	const label = await signIn(base, people.label);
	const { project } = await engineer.call('POST', '/api/v1/projects', {
		title: 'Night Drive EP',
		artist: 'The Headlights'
	});
	const p = `/api/v1/projects/${project.id}`;
	await engineer.call('POST', `${p}/members`, { email: people.artist.email, role: 'artist' });
	await engineer.call('POST', `${p}/members`, { email: people.label.email, role: 'label' });
	const { brief } = await artist.call('PUT', `${p}/brief`, {
		vision:
			'A late-night drive out of the city: close and intimate in the verses, opening up wide in the chorus.',
		tone: 'warm and organic, modern low end',
		notes: 'Keep the room sound on the drums. No obvious autotune.',
		keyElements: [
			{ id: 'vocal', text: 'Lead vocal upfront and intimate' },
			{ id: 'drums', text: 'Punchy, roomy drums' },
			{ id: 'synths', text: 'Wide synth pads in the chorus' }
		],
		revisionRounds: 3
	});
	await artist.call('POST', `${p}/references`, {
		title: 'Midnight City',
		artist: 'M83',
		url: 'https://en.wikipedia.org/wiki/Midnight_City',
		notes: 'The width of the chorus synths.'
	});
	const { song } = await engineer.call('POST', `${p}/songs`, { title: 'Tail Lights' });
	const upload = (wav, filename, notes) =>
		engineer.call(
			'POST',
			`/api/v1/songs/${song.id}/versions?filename=${encodeURIComponent(filename)}&notes=${encodeURIComponent(notes)}`,
			wav,
			{ 'content-type': 'audio/wav' }
		);
	const v1 = (
		await upload(synthWav(40, { vocalLevel: 0.12 }), 'Tail Lights mix v1.wav', 'First pass.')
	).version;
	await waitReady(engineer, v1.id);
	const notes = [
		[
			artist,
			{
				body: 'The vocal is too quiet here — I lose the words.',
				atMs: 8_000,
				briefItemId: brief.keyElements[0].id
			}
		],
		[
			label,
			{
				body: 'Love the drum room in this section.',
				atMs: 16_000,
				endMs: 24_000,
				briefItemId: brief.keyElements[1].id
			}
		],
		[
			artist,
			{
				body: 'Can the pads open up wider at the chorus?',
				atMs: 28_500,
				briefItemId: brief.keyElements[2].id
			}
		]
	];
	for (const [who, note] of notes)
		await who.call('POST', `/api/v1/versions/${v1.id}/comments`, note);
	const v2 = (
		await upload(
			synthWav(40, { vocalLevel: 0.22, seed: 7 }),
			'Tail Lights mix v2.wav',
			'Vocal up 1.5 dB, wider pads.'
		)
	).version;
	await waitReady(engineer, v2.id);
	return { project, song, v1, v2 };
}

const port = await freePort();
const base = `http://localhost:${port}`;
const server = spawn(process.execPath, ['scripts/ensure-build.js'], { stdio: 'inherit' });
await new Promise((r) => server.on('exit', r));
const app = spawn(process.execPath, ['server.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base },
	stdio: ['ignore', 'ignore', 'inherit']
});
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) break;
		} catch {
			if (i > 300) throw new Error('server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const { project, v1 } = await seed(base);
	console.log(`
Demo project “${project.title}” is ready in ${process.env.DATA_DIR ?? './data'}.
Start the app with \`npm start\` and open http://localhost:${process.env.PORT ?? 3000}/projects/${project.id}
(the first version's review room: /versions/${v1.id}). Sign in as:
${Object.entries(people)
	.map(([role, p]) => `  ${role.padEnd(9)} ${p.email.padEnd(22)} password: ${PASSWORD}`)
	.join('\n')}
`);
} finally {
	app.kill('SIGTERM');
}
