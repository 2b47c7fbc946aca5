import { describe, expect, it } from 'vitest';
import { checkDelivery, type RuleFile, type StoredAnalysis } from './delivery.rules';
import { groupOf, isGenericName, roughMixScore, suggestName } from './delivery.names';

let seq = 0;
type Opts = Partial<StoredAnalysis['format']> & Partial<Omit<StoredAnalysis, 'format'>>;

/** A synthetic, analysed 24-bit 48 kHz stereo file of 60 s with unique audio. */
function file(path: string, o: Opts = {}): RuleFile {
	const id = `f${++seq}`;
	const { decodedSha256, clipping, silent, dualMono, loudness, ...format } = o;
	return {
		id,
		path,
		status: 'ready',
		analysis: {
			format: {
				container: 'wav',
				codec: 'pcm_s24le',
				sampleRate: 48000,
				bitDepth: 24,
				sampleFormat: 'int',
				channels: 2,
				frames: 48000 * 60,
				durationMs: 60000,
				...format
			},
			loudness: loudness ?? {
				integratedLufs: -18,
				truePeakDbtp: -3,
				lra: 5,
				samplePeakDbfs: -3.2
			},
			decodedSha256: decodedSha256 ?? `hash-${id}`,
			clipping: clipping ?? { clippedSamples: 0, longestRun: 0 },
			silent: silent ?? false,
			dualMono: dualMono ?? false
		}
	};
}

const good = () => [
	file('drums/Kick.wav'),
	file('drums/Snare.wav'),
	file('vocals/Lead_Vocal.wav'),
	file('Rough Mix.wav')
];

const of = (r: ReturnType<typeof checkDelivery>, rule: string) =>
	r.findings.filter((f) => f.rule === rule);

describe('checkDelivery', () => {
	it('passes a clean delivery, with info hints only', () => {
		const r = checkDelivery(good());
		expect(r.findings.filter((f) => f.level !== 'info')).toEqual([]);
		expect(r.verdict).toBe('pass');
		expect(Object.values(r.files).every((f) => f.verdict === 'pass')).toBe(true);
		expect(r.sampleRate).toBe(48000);
		expect(of(r, 'rough_mix')[0].message).toMatch(/Rough mix: Rough Mix.wav/);
		expect(of(r, 'length')[0]).toMatchObject({ level: 'info' });
		expect(r.groups.map((g) => g.key)).toEqual(['rough', 'drums', 'vocals']);
	});

	it('an empty delivery warns', () => {
		expect(checkDelivery([]).verdict).toBe('warn');
	});

	it('format: MP3 fails, 16-bit warns, float is an info hint, FLAC warns', () => {
		const mp3 = file('gtr/Lead_Guitar.mp3', {
			container: 'mp3',
			bitDepth: null,
			sampleFormat: 'float',
			codec: 'mp3'
		});
		const low = file('bass/Bass_DI.wav', { bitDepth: 16 });
		const float = file('keys/Piano.wav', { bitDepth: 32, sampleFormat: 'float' });
		const flac = file('keys/Organ.flac', { container: 'flac' });
		const r = checkDelivery([...good(), mp3, low, float, flac]);
		expect(r.files[mp3.id].verdict).toBe('fail');
		expect(r.files[low.id].verdict).toBe('warn');
		expect(r.files[float.id].verdict).toBe('pass');
		expect(r.files[flac.id].verdict).toBe('warn');
		expect(of(r, 'format').find((f) => f.fileId === float.id)).toMatchObject({ level: 'info' });
		expect(of(r, 'format').find((f) => f.fileId === mp3.id)?.message).toMatch(/lossy/);
		expect(of(r, 'format').find((f) => f.fileId === low.id)?.message).toMatch(/16-bit/);
		expect(r.verdict).toBe('fail');
	});

	it('sample rate: a stem that differs from the rough mix fails', () => {
		const odd = file('drums/Hats.wav', { sampleRate: 44100, frames: 44100 * 60 });
		const r = checkDelivery([...good(), odd]);
		expect(of(r, 'sample_rate')).toEqual([
			expect.objectContaining({
				fileId: odd.id,
				level: 'fail',
				message: expect.stringMatching(/44.1 kHz but the rough mix is 48 kHz/)
			})
		]);
	});

	it('sample rate: a rough mix that differs from all stems is the one that fails', () => {
		const files = good();
		files[3] = file('Rough Mix.wav', { sampleRate: 44100, frames: 44100 * 60 });
		const r = checkDelivery(files);
		expect(of(r, 'sample_rate')).toEqual([
			expect.objectContaining({ fileId: files[3].id, level: 'fail' })
		]);
	});

	it('length: stems that do not line up warn with the difference; one sample is tolerated', () => {
		const files = good();
		const short = file('drums/Tom.wav', { frames: 48000 * 60 - 48000 * 1.5 });
		const oneOff = file('drums/Ride.wav', { frames: 48000 * 60 + 1 });
		const r = checkDelivery([...files, short, oneOff]);
		expect(of(r, 'length')).toEqual([
			expect.objectContaining({
				fileId: short.id,
				level: 'warn',
				message: expect.stringMatching(/1\.500 s shorter .*0:58\.500 vs 1:00\.000/)
			})
		]);
		// The rough mix is not a stem: a longer rough mix (a tail) is fine.
		files[3] = file('Rough Mix.wav', { frames: 48000 * 64 });
		expect(of(checkDelivery(files), 'length')[0].level).toBe('info');
	});

	it('labels: generic names warn with a suggestion from the folder', () => {
		const a = file('drums/Audio 3.wav');
		const b = file('Track 12.wav');
		const c = file('bounce final FINAL2.wav');
		const d = file('vocals/Lead vox test.wav');
		const r = checkDelivery([...good(), a, b, c, d]);
		expect(of(r, 'label').find((f) => f.fileId === a.id)?.message).toMatch(/“Drums_3”/);
		expect(r.files[a.id].suggestedName).toBe('Drums_3');
		expect(of(r, 'label').find((f) => f.fileId === b.id)?.message).toMatch(/Lead_Vocal/);
		expect(r.files[c.id].verdict).toBe('warn');
		expect(of(r, 'label').find((f) => f.fileId === d.id)?.message).toMatch(/test take/);
	});

	it('labels: the same name twice fails, case-insensitively, even in different folders', () => {
		const a = file('drums/Kick.wav');
		const b = file('extra/KICK.wav');
		const r = checkDelivery([a, b, file('Rough Mix.wav')]);
		expect(r.files[a.id].verdict).toBe('fail');
		expect(r.files[b.id].verdict).toBe('fail');
		expect(of(r, 'duplicate_name')[0].message).toMatch(/drums\/Kick.wav and extra\/KICK.wav/);
	});

	it('duplicates: identical decoded audio warns', () => {
		const a = file('gtr/Gtr_L.wav', { decodedSha256: 'same' });
		const b = file('gtr/Gtr_L_copy2.wav', { decodedSha256: 'same' });
		const r = checkDelivery([...good(), a, b]);
		expect(
			of(r, 'duplicate_audio')
				.map((f) => f.fileId)
				.sort()
		).toEqual([a.id, b.id].sort());
		expect(r.files[a.id].verdict).toBe('warn');
	});

	it('silent, empty, clipping (fixed point only) warn; dual mono is a hint', () => {
		const silent = file('fx/Riser.wav', { silent: true, decodedSha256: 'z' });
		const silent2 = file('fx/Impact.wav', { silent: true, decodedSha256: 'z' });
		const empty = file('fx/Sweep.wav', { frames: 0, durationMs: 0 });
		const clip = file('drums/Clap.wav', { clipping: { clippedSamples: 40, longestRun: 9 } });
		const floatOver = file('synths/Pad.wav', {
			sampleFormat: 'float',
			bitDepth: 32,
			clipping: { clippedSamples: 40, longestRun: 9 }
		});
		const dual = file('keys/Rhodes.wav', { dualMono: true });
		const r = checkDelivery([...good(), silent, silent2, empty, clip, floatOver, dual]);
		expect(r.files[silent.id].verdict).toBe('warn');
		expect(of(r, 'duplicate_audio')).toEqual([]); // silence is reported as silence, not as duplicates
		expect(of(r, 'silent').find((f) => f.fileId === empty.id)?.message).toMatch(/empty/);
		expect(r.files[clip.id].verdict).toBe('warn');
		expect(of(r, 'clipping').map((f) => f.fileId)).toEqual([clip.id]);
		expect(r.files[dual.id].verdict).toBe('pass');
		expect(of(r, 'dual_mono')[0]).toMatchObject({ fileId: dual.id, level: 'info' });
	});

	it('rough mix: missing warns; a chosen file wins over names; ambiguity warns', () => {
		const stems = good().slice(0, 3);
		expect(of(checkDelivery(stems), 'rough_mix')[0].level).toBe('warn');
		const r = checkDelivery(stems, { roughMixFileId: stems[2].id });
		expect(r.roughMixFileId).toBe(stems[2].id);
		expect(r.files[stems[2].id].group).toBe('rough');
		const two = checkDelivery([...stems, file('Reference.wav'), file('mix/Song.wav')]);
		expect(of(two, 'rough_mix')[0].level).toBe('info'); // the folder beats "reference"
		const amb = checkDelivery([...stems, file('Rough A.wav'), file('rough B.wav')]);
		expect(of(amb, 'rough_mix')[0].level).toBe('warn');
	});

	it('a file that could not be analysed fails; one still analysing has no verdict yet', () => {
		const broken: RuleFile = {
			id: 'b',
			path: 'drums/Snare2.wav',
			status: 'failed',
			error: 'truncated',
			analysis: null
		};
		const busy: RuleFile = {
			id: 'c',
			path: 'drums/Snare3.wav',
			status: 'analysing',
			analysis: null
		};
		const r = checkDelivery([...good(), broken, busy]);
		expect(r.files.b.verdict).toBe('fail');
		expect(r.files.c.verdict).toBeNull();
	});

	it('structure: groups from folders, then names', () => {
		const r = checkDelivery([
			file('Kick.wav'),
			file('BV 1.wav'),
			file('Synth Bass.wav'),
			file('Noise.wav'),
			file('Rough.wav')
		]);
		expect(
			of(r, 'structure')
				.map((f) => f.message)
				.join(' ')
		).toMatch(/not in folders/);
		expect(r.groups.find((g) => g.key === 'drums')?.fileIds.length).toBe(1);
	});
});

describe('names', () => {
	it('knows generic names', () => {
		for (const n of [
			'Audio 1',
			'Track 12',
			'bounce final FINAL2',
			'Untitled',
			'New Recording',
			'Audio_03',
			'01'
		])
			expect(isGenericName(n), n).toBe(true);
		for (const n of ['Lead_Vocal', 'Kick', 'Lead_Guitar', 'Gtr L', 'BV 2'])
			expect(isGenericName(n), n).toBe(false);
	});
	it('finds groups', () => {
		expect(groupOf('drums/Audio 3.wav')).toBe('drums');
		expect(groupOf('Bass Drum.wav')).toBe('drums');
		expect(groupOf('Bass Guitar.wav')).toBe('bass');
		expect(groupOf('LeadVox2.wav')).toBe('vocals');
		expect(groupOf('Stuff/Thing.wav')).toBe('other');
	});
	it('suggests names and recognises rough mixes', () => {
		expect(suggestName('drums/Audio 3.wav')).toBe('Drums_3');
		expect(suggestName('Audio 3.wav')).toBeNull();
		expect(roughMixScore('Rough_Mix_v2.wav')).toBe(3);
		expect(roughMixScore('Drum Mix.wav')).toBe(0);
		expect(roughMixScore('Mix.wav')).toBe(1);
	});
});
