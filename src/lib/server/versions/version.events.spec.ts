import { afterEach, describe, expect, it, vi } from 'vitest';
import { bus } from '../realtime/bus';
import { analysisProgress, clearAnalysisProgress } from './analysis.progress';
import { toVersionDto } from './version.dto';
import { progressPublisher } from './version.events';
import type { VersionRecord } from './version.repository';

const record = (status: VersionRecord['status']): VersionRecord => ({
	id: 'v1',
	songId: 's1',
	projectId: 'p1',
	number: 1,
	filename: 'mix.wav',
	notes: '',
	uploadedBy: { id: 'u1', name: 'Erin' },
	createdAt: new Date(0).toISOString(),
	sizeBytes: 1000,
	sha256: '0'.repeat(64),
	container: 'wav',
	status,
	error: null,
	format: null,
	loudness: null,
	warnings: [],
	streamStatus: 'pending'
});

afterEach(() => {
	vi.useRealTimers();
	clearAnalysisProgress('v1');
});

describe('analysis progress', () => {
	it('is 0 while queued, the latest fraction while analysing, null once finished', () => {
		expect(toVersionDto(record('processing')).progress).toBe(0);
		progressPublisher(record('processing'))(0.37);
		expect(analysisProgress('v1')).toBe(0.37);
		expect(toVersionDto(record('processing')).progress).toBe(0.37);
		expect(toVersionDto(record('ready')).progress).toBeNull();
		expect(toVersionDto(record('failed')).progress).toBeNull();
	});

	it('publishes version:updated at most every 500 ms, with the progress at that moment', () => {
		vi.useFakeTimers();
		const seen: { versionId: string; event: string; progress: unknown }[] = [];
		const off = bus.on('version.event', (e) =>
			seen.push({ ...e, progress: (e.payload as { progress: number }).progress })
		);
		try {
			const publish = progressPublisher(record('processing'));
			publish(0.01); // the first report goes out at once
			publish(0.05);
			vi.advanceTimersByTime(499);
			publish(0.2);
			vi.advanceTimersByTime(1);
			publish(0.3);
			publish(0.31);
			expect(seen.map((e) => e.progress)).toEqual([0.01, 0.3]);
			expect(seen.every((e) => e.versionId === 'v1' && e.event === 'version:updated')).toBe(true);
			expect(analysisProgress('v1')).toBe(0.31);
		} finally {
			off();
		}
	});
});
