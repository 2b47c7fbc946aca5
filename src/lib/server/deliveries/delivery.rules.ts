import type { AudioFormat, Loudness } from '$lib/audio';
import {
	checkAudio,
	checkFormat,
	checkLengths,
	checkNames,
	checkSampleRates,
	chooseRoughMix,
	describeGroups,
	type Emit,
	type Ready
} from './delivery.checks';
import { groupOf, isGenericName, splitPath, suggestName, type GroupKey } from './delivery.names';

/**
 * The delivery check: a pure function from the files' stored analyses to findings and verdicts.
 * It never touches audio; every fact comes from the one analyseFile result kept per file.
 */

export type Level = 'info' | 'warn' | 'fail';
export type Verdict = 'pass' | 'warn' | 'fail';
export type Rule =
	| 'files'
	| 'analysis'
	| 'format'
	| 'sample_rate'
	| 'length'
	| 'label'
	| 'duplicate_name'
	| 'duplicate_audio'
	| 'silent'
	| 'clipping'
	| 'dual_mono'
	| 'rough_mix'
	| 'structure';

export interface Finding {
	fileId?: string;
	rule: Rule;
	level: Level;
	message: string;
}

/** What is kept of one analyseFile result (everything but the peaks, which live in a file). */
export interface StoredAnalysis {
	format: AudioFormat;
	loudness: Loudness;
	decodedSha256: string;
	clipping: { clippedSamples: number; longestRun: number };
	silent: boolean;
	dualMono: boolean;
}

export interface RuleFile {
	id: string;
	path: string;
	status: 'analysing' | 'ready' | 'failed';
	error?: string | null;
	analysis: StoredAnalysis | null;
}

export interface Report {
	verdict: Verdict;
	findings: Finding[];
	roughMixFileId: string | null;
	/** The session's sample rate, as the report judged it. */
	sampleRate: number | null;
	groups: { key: GroupKey; label: string; fileIds: string[] }[];
	files: Record<string, { verdict: Verdict | null; group: GroupKey; suggestedName: string | null }>;
}

export function worst(levels: Level[]): Verdict {
	if (levels.includes('fail')) return 'fail';
	return levels.includes('warn') ? 'warn' : 'pass';
}

export function checkDelivery(
	files: RuleFile[],
	opts: { roughMixFileId?: string | null } = {}
): Report {
	const findings: Finding[] = [];
	const emit: Emit = (f) => findings.push(f);
	const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
	if (!sorted.length)
		emit({
			rule: 'files',
			level: 'warn',
			message: 'No files yet: upload the stems and the rough mix.'
		});
	const rough = chooseRoughMix(sorted, opts.roughMixFileId, emit);
	for (const f of sorted)
		if (f.status === 'failed')
			emit({
				fileId: f.id,
				rule: 'analysis',
				level: 'fail',
				message: `${f.path} could not be read: ${f.error ?? 'the audio is damaged'}. Export it again.`
			});
	const ready = sorted.filter((f): f is Ready => f.status === 'ready' && f.analysis !== null);
	for (const f of ready) checkFormat(f, emit);
	const sampleRate = checkSampleRates(ready, rough, emit);
	checkLengths(
		ready.filter((f) => f.id !== rough?.id),
		emit
	);
	checkNames(sorted, rough, emit);
	checkAudio(ready, emit);
	const groupOfFile = new Map(
		sorted.map((f) => [f.id, f.id === rough?.id ? 'rough' : groupOf(f.path)] as const)
	);
	const groups = describeGroups(sorted, groupOfFile, emit);

	const out: Report['files'] = {};
	for (const f of sorted) {
		const mine = findings.filter((x) => x.fileId === f.id).map((x) => x.level);
		out[f.id] = {
			verdict: f.status === 'analysing' ? null : worst(mine),
			group: groupOfFile.get(f.id)!,
			suggestedName: isGenericName(splitPath(f.path).base) ? suggestName(f.path) : null
		};
	}
	return {
		verdict: worst(findings.map((f) => f.level)),
		findings,
		roughMixFileId: rough?.id ?? null,
		sampleRate,
		groups,
		files: out
	};
}
