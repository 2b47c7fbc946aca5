import type { AudioSource } from '$lib/player/player.svelte';

/** The fields of the API's `version` the review room uses. */
export interface ApiVersion {
	id: string;
	songId: string;
	number: number;
	filename: string;
	notes: string;
	status: 'processing' | 'ready' | 'failed';
	error: string | null;
	createdAt: string;
	format: {
		container: string;
		sampleRate: number;
		bitDepth: number | null;
		channels: number;
		durationMs: number;
	} | null;
	loudness: { integratedLufs: number; truePeakDbtp: number; lra: number } | null;
	stream: { status: 'pending' | 'ready' | 'failed' };
	approval?: { state: string };
}

export interface ApiReference {
	id: string;
	title: string;
	artist: string | null;
	audio: {
		status: string;
		format: { container: string; durationMs: number } | null;
		loudness: { integratedLufs: number } | null;
	} | null;
}

/** What the page renders of a version: a whitelist, nothing else leaves the server. */
export function toReviewVersion(v: ApiVersion) {
	return {
		id: v.id,
		number: v.number,
		filename: v.filename,
		notes: v.notes,
		status: v.status,
		error: v.error,
		createdAt: v.createdAt,
		container: v.format?.container ?? null,
		sampleRate: v.format?.sampleRate ?? null,
		bitDepth: v.format?.bitDepth ?? null,
		channels: v.format?.channels ?? null,
		durationMs: v.format?.durationMs ?? null,
		lufs: v.loudness?.integratedLufs ?? null,
		truePeakDbtp: v.loudness?.truePeakDbtp ?? null,
		lra: v.loudness?.lra ?? null,
		streamReady: v.stream?.status === 'ready',
		approval: v.approval?.state ?? 'in_review'
	};
}
export type ReviewVersion = ReturnType<typeof toReviewVersion>;

export function toReviewReference(r: ApiReference) {
	const ready = r.audio?.status === 'ready';
	return {
		id: r.id,
		title: r.title,
		artist: r.artist,
		ready,
		container: r.audio?.format?.container ?? null,
		durationMs: ready ? (r.audio?.format?.durationMs ?? null) : null,
		lufs: ready ? (r.audio?.loudness?.integratedLufs ?? null) : null
	};
}
export type ReviewReference = ReturnType<typeof toReviewReference>;

/** howler's codec names for our containers (the URLs carry no extension). */
const CODEC: Record<string, string> = { wav: 'wav', aiff: 'aiff', flac: 'flac', mp3: 'mp3' };

export function versionSource(v: ReviewVersion): AudioSource {
	return {
		key: `version:${v.id}`,
		label: `v${v.number}`,
		urls: {
			original: `/api/v1/versions/${v.id}/audio?variant=original`,
			stream: v.streamReady ? `/api/v1/versions/${v.id}/audio?variant=stream` : null
		},
		formats: { original: CODEC[v.container ?? ''] ?? 'wav', stream: 'mp3' },
		lufs: v.lufs,
		durationMs: v.durationMs
	};
}

export function referenceSource(r: ReviewReference): AudioSource {
	const url = `/api/v1/references/${r.id}/audio`;
	return {
		key: `reference:${r.id}`,
		label: r.title,
		urls: { original: url, stream: null },
		formats: { original: CODEC[r.container ?? ''] ?? 'wav', stream: 'mp3' },
		lufs: r.lufs,
		durationMs: r.durationMs
	};
}

export const peaksUrl = (source: AudioSource, samplesPerPixel?: number) => {
	const [kind, id] = source.key.split(':');
	const base = kind === 'reference' ? `/api/v1/references/${id}` : `/api/v1/versions/${id}`;
	return `${base}/peaks${samplesPerPixel ? `?samplesPerPixel=${samplesPerPixel}` : ''}`;
};
