import { analyseFile, peaksToDat, type AnalysisResult } from '$lib/audio';
import { getDb, type Db } from '../db';
import { writeTransaction } from '../db/transaction';
import { appendLog } from '../log/log.service';
import { findSong } from '../songs/song.repository';
import { JobQueue } from './analysis.queue';
import { describeFailure } from './audio-errors';
import { analyseReferenceAudio } from './reference-audio.analysis';
import { listUnfinishedReferenceAudio } from './reference-audio.repository';
import { originalPath, peaksPath, streamPath, writeFileAtomic } from './storage';
import { encodeStreamMp3 } from './stream-encoder';
import { publishVersion } from './version.events';
import {
	findVersion,
	listUnfinishedWork,
	setStreamStatus,
	setVersionAnalysis
} from './version.repository';

type Job = { key: string; kind: 'analyse' | 'encode' | 'reference'; id: string };

/** Analysis first and one at a time (the library fans out to worker threads itself); encoding
 * in its own lane so a long encode never delays the next version's waveform. */
const analysis = new JobQueue<Job>(runJob, 1);
const encoding = new JobQueue<Job>(runJob, 1);

export const enqueueAnalysis = (id: string) =>
	analysis.enqueue({ key: `analyse:${id}`, kind: 'analyse', id });
export const enqueueEncode = (id: string) =>
	encoding.enqueue({ key: `encode:${id}`, kind: 'encode', id });
export const enqueueReferenceAnalysis = (id: string) =>
	analysis.enqueue({ key: `reference:${id}`, kind: 'reference', id });

export async function queuesIdle(): Promise<void> {
	await analysis.idle();
	await encoding.idle();
}

async function runJob(job: Job): Promise<void> {
	const db = await getDb();
	if (job.kind === 'analyse') await analyseVersion(db, job.id);
	else if (job.kind === 'encode') await encodeVersion(db, job.id);
	else await analyseReferenceAudio(db, job.id);
}

async function analyseVersion(db: Db, versionId: string): Promise<void> {
	const v = await findVersion(db, versionId);
	if (!v || v.status !== 'processing') return;
	let result: AnalysisResult;
	try {
		result = await analyseFile(originalPath(v.projectId, v.id, v.container));
		await writeFileAtomic(peaksPath(v.projectId, v.id), peaksToDat(result.peaks));
	} catch (e) {
		await finishAnalysis(db, versionId, { status: 'failed', error: describeFailure(e) });
		return;
	}
	const { format, loudness, warnings } = result;
	await finishAnalysis(db, versionId, { status: 'ready', format, loudness, warnings });
	enqueueEncode(versionId);
}

async function finishAnalysis(
	db: Db,
	versionId: string,
	outcome: Parameters<typeof setVersionAnalysis>[2]
): Promise<void> {
	const done = await writeTransaction(db, async (tx) => {
		const v = await findVersion(tx, versionId);
		if (!v || v.status !== 'processing') return false; // deleted or finished meanwhile
		const song = await findSong(tx, v.songId);
		await setVersionAnalysis(tx, versionId, outcome);
		const what = `v${v.number} of “${song?.title ?? 'a song'}”`;
		const lufs = outcome.status === 'ready' ? outcome.loudness.integratedLufs : null;
		await appendLog(tx, {
			projectId: v.projectId,
			type: outcome.status === 'ready' ? 'version.ready' : 'version.failed',
			actorId: null,
			songId: v.songId,
			versionId,
			summary:
				outcome.status === 'ready'
					? `${what} is ready${lufs === null ? '' : ` (${lufs.toFixed(1)} LUFS integrated)`}`
					: `${what} could not be analysed: ${outcome.error}`,
			data: outcome.status === 'ready' ? { loudness: outcome.loudness } : null
		});
		return true;
	});
	if (done) await publishVersion(db, versionId);
}

async function encodeVersion(db: Db, versionId: string): Promise<void> {
	const v = await findVersion(db, versionId);
	if (!v || v.status !== 'ready' || v.streamStatus !== 'pending' || !v.format) return;
	let status: 'ready' | 'failed' = 'ready';
	try {
		await encodeStreamMp3(
			originalPath(v.projectId, v.id, v.container),
			streamPath(v.projectId, v.id),
			v.format
		);
	} catch (e) {
		console.error(`stream encode of version ${versionId} failed`, e);
		status = 'failed';
	}
	await setStreamStatus(db, versionId, status);
	await publishVersion(db, versionId);
}

/** A crash must not leave versions stuck in `processing`: re-queue everything unfinished. */
export async function recoverUnfinishedWork(db: Db): Promise<void> {
	const work = await listUnfinishedWork(db);
	work.analyse.forEach(enqueueAnalysis);
	work.encode.forEach(enqueueEncode);
	(await listUnfinishedReferenceAudio(db)).forEach(enqueueReferenceAnalysis);
}
