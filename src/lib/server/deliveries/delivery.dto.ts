import { splitPath } from './delivery.names';
import type { DecisionRow, DeliveryFileRow, DeliveryRow } from './delivery.repository';
import { checkDelivery, type Report } from './delivery.rules';

/** The API shapes (docs: /work/shared/API.md "Deliveries", plus the extensions in docs/api.md). */

export function fileDto(f: DeliveryFileRow, report: Report, progress: (id: string) => number) {
	const a = f.analysis;
	const r = report.files[f.id];
	const { dirs } = splitPath(f.path);
	return {
		id: f.id,
		deliveryId: f.deliveryId,
		path: f.path,
		name: f.path.split('/').pop()!,
		folder: dirs.join('/'),
		group: r?.group ?? 'other',
		status: f.status,
		/** 0..1 while the file is analysed. */
		progress: f.status === 'analysing' ? progress(f.id) : 1,
		error: f.error,
		sizeBytes: f.sizeBytes,
		sha256: f.sha256,
		format: a
			? {
					container: a.format.container,
					codec: a.format.codec,
					sampleRate: a.format.sampleRate,
					bitDepth: a.format.bitDepth,
					sampleFormat: a.format.sampleFormat,
					channels: a.format.channels,
					frames: a.format.frames,
					durationMs: a.format.durationMs
				}
			: null,
		loudness: a?.loudness ?? null,
		clipping: a?.clipping ?? null,
		silent: a?.silent ?? null,
		dualMono: a?.dualMono ?? null,
		decodedSha256: a?.decodedSha256 ?? null,
		verdict: f.status === 'analysing' ? null : (r?.verdict ?? f.verdict),
		suggestedName: r?.suggestedName ?? null,
		isRoughMix: report.roughMixFileId === f.id,
		createdAt: f.createdAt
	};
}

export type DeliveryFileDto = ReturnType<typeof fileDto>;

export function deliveryDto(
	d: DeliveryRow,
	files: DeliveryFileRow[],
	decisions: DecisionRow[],
	progress: (id: string) => number
) {
	const report = d.report ?? checkDelivery(files, { roughMixFileId: d.roughMixFileId });
	return {
		id: d.id,
		songId: d.songId,
		projectId: d.projectId,
		note: d.note,
		state: files.some((f) => f.status === 'analysing') ? ('checking' as const) : ('ready' as const),
		status: d.status,
		createdAt: d.createdAt,
		createdBy: d.createdBy,
		report: {
			verdict: report.verdict,
			findings: report.findings,
			roughMixFileId: report.roughMixFileId,
			roughMixChosen: d.roughMixFileId !== null,
			sampleRate: report.sampleRate,
			groups: report.groups
		},
		files: files.map((f) => fileDto(f, report, progress)),
		decisions
	};
}

export type DeliveryDto = ReturnType<typeof deliveryDto>;

/** The list view: no findings, just the verdict and counts. */
export function deliverySummaryDto(d: DeliveryRow, fileCount: number) {
	return {
		id: d.id,
		songId: d.songId,
		note: d.note,
		status: d.status,
		verdict: d.report?.verdict ?? null,
		fileCount,
		createdAt: d.createdAt,
		createdBy: d.createdBy
	};
}
