import {
	groupLabel,
	isGenericName,
	isLeftoverName,
	roughMixScore,
	splitPath,
	suggestName,
	type GroupKey
} from './delivery.names';
import type { Finding, Level, Rule, RuleFile, StoredAnalysis } from './delivery.rules';

/** The rules of the delivery check, one function each; delivery.rules.ts runs them in order. */

export type Ready = RuleFile & { analysis: StoredAnalysis };
export type Emit = (f: Finding) => void;

const name = (f: RuleFile) => f.path;
const khz = (hz: number) => `${+(hz / 1000).toFixed(1)} kHz`;

export function formatDuration(seconds: number): string {
	const m = Math.floor(seconds / 60);
	const s = seconds - m * 60;
	return `${m}:${s.toFixed(3).padStart(6, '0')}`;
}

/** Picks the rough mix: the person's choice, else the file whose name says so most clearly. */
export function chooseRoughMix(files: RuleFile[], chosenId: string | null | undefined, emit: Emit) {
	const chosen = chosenId ? files.find((f) => f.id === chosenId) : undefined;
	if (chosen) {
		emit({
			fileId: chosen.id,
			rule: 'rough_mix',
			level: 'info',
			message: `Rough mix: ${name(chosen)} (chosen by hand).`
		});
		return chosen;
	}
	const scored = files.map((f) => ({ f, score: roughMixScore(f.path) })).filter((s) => s.score > 0);
	const best = Math.max(0, ...scored.map((s) => s.score));
	const top = scored.filter((s) => s.score === best).map((s) => s.f);
	if (top.length === 0) {
		if (files.length)
			emit({
				rule: 'rough_mix',
				level: 'warn',
				message:
					'No rough mix found. Add the rough mix (a file named “Rough Mix”), or mark one of the files as the rough mix.'
			});
		return undefined;
	}
	if (top.length > 1)
		emit({
			rule: 'rough_mix',
			level: 'warn',
			message: `Several files look like the rough mix (${top.map(name).join(', ')}); mark the right one. Using ${name(top[0])} for now.`
		});
	else
		emit({
			fileId: top[0].id,
			rule: 'rough_mix',
			level: 'info',
			message: `Rough mix: ${name(top[0])} (recognised by its name).`
		});
	return top[0];
}

export function checkFormat(f: Ready, emit: Emit) {
	const { container, sampleFormat, bitDepth } = f.analysis.format;
	const at = (level: Level, message: string) =>
		emit({ fileId: f.id, rule: 'format', level, message });
	if (container === 'mp3')
		return at(
			'fail',
			`${name(f)} is an MP3, a lossy format that has thrown detail away. Export it again from the session as WAV.`
		);
	if (container === 'flac')
		at(
			'warn',
			`${name(f)} is FLAC: lossless, but the session should be WAV (or AIFF) so it opens in any DAW.`
		);
	if (sampleFormat === 'float')
		at('info', `${name(f)} is ${bitDepth}-bit float: the preferred format, with all its headroom.`);
	else if ((bitDepth ?? 0) < 24)
		at(
			'warn',
			`${name(f)} is ${bitDepth}-bit. Export stems at 24-bit or 32-bit float so no detail is lost.`
		);
}

export function checkSampleRates(
	ready: Ready[],
	rough: RuleFile | undefined,
	emit: Emit
): number | null {
	if (!ready.length) return null;
	const rateOf = (f: Ready) => f.analysis.format.sampleRate;
	const stems = ready.filter((f) => f.id !== rough?.id);
	const roughReady = ready.find((f) => f.id === rough?.id);
	const stemRates = new Set(stems.map(rateOf));
	if (
		roughReady &&
		stems.length > 1 &&
		stemRates.size === 1 &&
		!stemRates.has(rateOf(roughReady))
	) {
		// Every stem agrees: the rough mix is the odd one out.
		const rate = rateOf(stems[0]);
		emit({
			fileId: roughReady.id,
			rule: 'sample_rate',
			level: 'fail',
			message: `The rough mix is ${khz(rateOf(roughReady))} but all ${stems.length} stems are ${khz(rate)}. Export the rough mix again at ${khz(rate)}.`
		});
		return rate;
	}
	let rate: number;
	let basis: string;
	if (roughReady) {
		rate = rateOf(roughReady);
		basis = 'the rough mix is';
	} else {
		const counts = new Map<number, number>();
		for (const f of ready) counts.set(rateOf(f), (counts.get(rateOf(f)) ?? 0) + 1);
		rate = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
		basis = 'most files are';
	}
	let mismatches = 0;
	for (const f of stems) {
		if (rateOf(f) === rate) continue;
		mismatches++;
		emit({
			fileId: f.id,
			rule: 'sample_rate',
			level: 'fail',
			message: `${name(f)} is ${khz(rateOf(f))} but ${basis} ${khz(rate)}. Export it again from the session at ${khz(rate)} (do not resample).`
		});
	}
	if (!mismatches && ready.length > 1)
		emit({ rule: 'sample_rate', level: 'info', message: `Every file is ${khz(rate)}.` });
	return rate;
}

export function checkLengths(stems: Ready[], emit: Emit) {
	const withAudio = stems.filter((f) => f.analysis.format.frames > 0);
	if (withAudio.length < 2) return;
	const secs = (f: Ready) => f.analysis.format.frames / f.analysis.format.sampleRate;
	const tolerance = (a: Ready, b: Ready) =>
		1 / Math.min(a.analysis.format.sampleRate, b.analysis.format.sampleRate) + 1e-9;
	const same = (a: Ready, b: Ready) => Math.abs(secs(a) - secs(b)) <= tolerance(a, b);
	// The reference is the length most stems share (the longer one on a tie).
	const ref = withAudio
		.map((f) => ({ f, n: withAudio.filter((g) => same(f, g)).length }))
		.sort((a, b) => b.n - a.n || secs(b.f) - secs(a.f))[0].f;
	let off = 0;
	for (const f of withAudio) {
		if (same(f, ref)) continue;
		off++;
		const d = secs(f) - secs(ref);
		emit({
			fileId: f.id,
			rule: 'length',
			level: 'warn',
			message: `${name(f)} is ${Math.abs(d).toFixed(3)} s ${d < 0 ? 'shorter' : 'longer'} than the other stems (${formatDuration(secs(f))} vs ${formatDuration(secs(ref))}), so it may not line up from zero. Export every stem from the same start to the same end.`
		});
	}
	if (!off)
		emit({
			rule: 'length',
			level: 'info',
			message: `All ${withAudio.length} stems are the same length (${formatDuration(secs(ref))}) and line up from zero.`
		});
}

export function checkNames(files: RuleFile[], rough: RuleFile | undefined, emit: Emit) {
	const byName = new Map<string, RuleFile[]>();
	for (const f of files) {
		const key = splitPath(f.path).base.toLowerCase();
		byName.set(key, [...(byName.get(key) ?? []), f]);
	}
	for (const same of byName.values()) {
		if (same.length < 2) continue;
		for (const f of same)
			emit({
				fileId: f.id,
				rule: 'duplicate_name',
				level: 'fail',
				message: `Two files are called “${splitPath(f.path).base}”: ${same.map(name).join(' and ')}. Give each its own name (e.g. Kick_In and Kick_Out).`
			});
	}
	for (const f of files) {
		if (f.id === rough?.id) continue;
		const { base } = splitPath(f.path);
		if (isGenericName(base)) {
			const suggestion = suggestName(f.path);
			emit({
				fileId: f.id,
				rule: 'label',
				level: 'warn',
				message: `“${base}” does not say what it is. ${suggestion ? `Rename it, e.g. “${suggestion}”.` : 'Name it after the instrument, e.g. “Lead_Vocal” or “Kick”.'}`
			});
		} else if (isLeftoverName(base))
			emit({
				fileId: f.id,
				rule: 'label',
				level: 'warn',
				message: `“${base}” looks like a test take or a leftover copy. Remove it, or rename it if it belongs in the mix.`
			});
	}
}

export function checkAudio(ready: Ready[], emit: Emit) {
	const byHash = new Map<string, Ready[]>();
	for (const f of ready) {
		const a = f.analysis;
		const at = (rule: Rule, level: Level, message: string) =>
			emit({ fileId: f.id, rule, level, message });
		if (a.format.frames === 0) at('silent', 'warn', `${name(f)} is empty: it holds no audio.`);
		else if (a.silent)
			at(
				'silent',
				'warn',
				`${name(f)} is silent (nothing above −90 dBFS). Is this the right export? Remove it if the track is unused.`
			);
		else byHash.set(a.decodedSha256, [...(byHash.get(a.decodedSha256) ?? []), f]);
		if (a.format.sampleFormat === 'int' && a.clipping.clippedSamples > 0)
			at(
				'clipping',
				'warn',
				`${name(f)} clips: ${a.clipping.clippedSamples} samples sit at full scale (longest run ${a.clipping.longestRun}). Export it again with the fader lower, or send it as 32-bit float.`
			);
		if (a.dualMono && !a.silent && a.format.frames > 0)
			at(
				'dual_mono',
				'info',
				`${name(f)} has two identical channels: it is dual mono and could be a mono file.`
			);
	}
	for (const same of byHash.values()) {
		if (same.length < 2) continue;
		for (const f of same)
			emit({
				fileId: f.id,
				rule: 'duplicate_audio',
				level: 'warn',
				message: `${name(f)} has exactly the same audio as ${same
					.filter((g) => g !== f)
					.map(name)
					.join(', ')}. Remove the duplicate.`
			});
	}
}

export function describeGroups(files: RuleFile[], groupOfFile: Map<string, GroupKey>, emit: Emit) {
	const groups = new Map<GroupKey, string[]>();
	for (const f of files) {
		const g = groupOfFile.get(f.id)!;
		groups.set(g, [...(groups.get(g) ?? []), f.id]);
	}
	const list = [...groups]
		.sort((a, b) => (a[0] === 'rough' ? -1 : b[0] === 'rough' ? 1 : b[1].length - a[1].length))
		.map(([key, fileIds]) => ({ key, label: groupLabel(key), fileIds }));
	if (files.length) {
		emit({
			rule: 'structure',
			level: 'info',
			message: `Groups: ${list.map((g) => (g.key === 'rough' ? g.label : `${g.label} (${g.fileIds.length})`)).join(', ')}.`
		});
		if (files.length > 3 && !files.some((f) => f.path.includes('/')))
			emit({
				rule: 'structure',
				level: 'info',
				message:
					'The files are not in folders: they are grouped by their names. Next time, put the stems in one folder per instrument group (drums, vocals, …).'
			});
	}
	return list;
}
