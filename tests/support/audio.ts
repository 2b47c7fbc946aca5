import fs from 'node:fs';
import path from 'node:path';
import { encodeAiff, encodeFlac, encodeWav, sine } from '../../src/lib/audio/testing';
export { encodeMp3 } from '../../src/lib/audio/testing';
import { ApiClient, signUp } from './client';

/** Deterministic test audio: a 1 kHz sine at -20 dBFS peak in every channel. */
export function tone(sampleRate: number, channels: number, seconds = 2): Float32Array[] {
	const s = sine({ frequency: 1000, sampleRate, seconds, dbfs: -20 });
	return Array.from({ length: channels }, () => s);
}

/** Every container and sample format we accept, made on the fly (no binary fixtures). */
export function acceptedFiles(): { name: string; bytes: Uint8Array; expect: object }[] {
	const st48 = tone(48000, 2);
	return [
		{
			name: 'mix-16.wav',
			bytes: encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2) }),
			expect: {
				container: 'wav',
				sampleRate: 44100,
				bitDepth: 16,
				sampleFormat: 'int',
				channels: 2
			}
		},
		{
			name: 'mix-24.wav',
			bytes: encodeWav({ sampleRate: 48000, bitDepth: 24, channels: st48 }),
			expect: { container: 'wav', sampleRate: 48000, bitDepth: 24, channels: 2 }
		},
		{
			name: 'mix-32f.wav',
			bytes: encodeWav({
				sampleRate: 96000,
				bitDepth: 32,
				float: true,
				channels: tone(96000, 2, 1)
			}),
			expect: { container: 'wav', sampleRate: 96000, sampleFormat: 'float', channels: 2 }
		},
		{
			name: 'mix-ext-6ch.wav',
			bytes: encodeWav({
				sampleRate: 48000,
				bitDepth: 24,
				extensible: true,
				channels: tone(48000, 6, 1)
			}),
			expect: { container: 'wav', bitDepth: 24, channels: 6 }
		},
		{
			name: 'mix-rf64.wav',
			bytes: encodeWav({
				sampleRate: 48000,
				bitDepth: 24,
				rf64: true,
				channels: tone(48000, 1, 1)
			}),
			expect: { container: 'wav', channels: 1 }
		},
		{
			name: 'mix.aiff',
			bytes: encodeAiff({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 1) }),
			expect: { container: 'aiff', bitDepth: 24, channels: 2 }
		},
		{
			name: 'mix-sowt.aifc',
			bytes: encodeAiff({ sampleRate: 48000, bitDepth: 16, compression: 'sowt', channels: st48 }),
			expect: { container: 'aiff', bitDepth: 16, channels: 2 }
		}
	];
}

export function flacFile() {
	return {
		name: 'mix.flac',
		bytes: encodeFlac({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 1) }),
		expect: { container: 'flac', sampleRate: 44100, bitDepth: 24, channels: 2 }
	};
}

/** An owner with a project and a song, plus helpers to add members in other roles. */
export async function projectWithSong(base: string) {
	const { client: owner, user } = await signUp(base, 'Olive Owner', 'owner');
	const project = (await owner.post('/api/v1/projects', { title: 'Test EP' })).json.project;
	const song = (await owner.post(`/api/v1/projects/${project.id}/songs`, { title: 'Song A' })).json
		.song;
	async function member(role: string): Promise<ApiClient> {
		const m = await signUp(base, `${role} person`, role);
		const r = await owner.post(`/api/v1/projects/${project.id}/members`, { email: m.email, role });
		if (r.status !== 201) throw new Error(`invite failed: ${r.status} ${r.text}`);
		return m.client;
	}
	return { owner, user, project, song, member };
}

export const upload = (client: ApiClient, songId: string, bytes: Uint8Array, query = '') =>
	client.request('POST', `/api/v1/songs/${songId}/versions?${query}`, bytes, {
		'content-type': 'application/octet-stream'
	});

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const v = await check();
		if (v !== undefined) return v;
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

export async function waitForVersion(
	client: ApiClient,
	id: string,
	done: (v: { status: string; stream: { status: string } }) => boolean = (v) =>
		v.status !== 'processing'
) {
	return eventually(async () => {
		const v = (await client.get(`/api/v1/versions/${id}`)).json.version;
		return done(v) ? v : undefined;
	});
}

/** Every file under `dir/audio`, `dir/tmp` and `dir/tus` (what an upload may leave behind). */
export function storedFiles(dataDir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		if (!fs.existsSync(d)) return;
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else out.push(path.relative(dataDir, p));
		}
	};
	for (const sub of ['audio', 'tmp', 'tus']) walk(path.join(dataDir, sub));
	return out.sort();
}
