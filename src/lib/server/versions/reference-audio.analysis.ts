import { analyseFile, peaksToDat } from '$lib/audio';
import type { Db } from '../db';
import { describeFailure } from './audio-errors';
import { findReferenceAudio, setReferenceAudioAnalysis } from './reference-audio.repository';
import { originalPath, peaksPath, writeFileAtomic } from './storage';

export const referenceMediaKey = (referenceId: string) => `ref-${referenceId}`;

/** Same analysis as a version (format, loudness, warnings, peaks); references need no stream. */
export async function analyseReferenceAudio(db: Db, referenceId: string): Promise<void> {
	const a = await findReferenceAudio(db, referenceId);
	if (!a || a.status !== 'processing') return;
	const key = referenceMediaKey(referenceId);
	try {
		const result = await analyseFile(originalPath(a.projectId, key, a.container));
		await writeFileAtomic(peaksPath(a.projectId, key), peaksToDat(result.peaks));
		const { format, loudness, warnings } = result;
		await setReferenceAudioAnalysis(db, referenceId, a.sha256, {
			status: 'ready',
			format,
			loudness,
			warnings
		});
	} catch (e) {
		await setReferenceAudioAnalysis(db, referenceId, a.sha256, {
			status: 'failed',
			error: describeFailure(e)
		});
	}
}
