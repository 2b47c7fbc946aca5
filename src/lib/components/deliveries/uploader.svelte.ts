import { TusUpload } from '$lib/upload/tus-upload.svelte';
import type { Picked } from './collect-files';
import { ZipUpload } from './zip-upload.svelte';

/** One row of the upload list: an audio file (tus, resumable) or a zip (one POST). */
export interface UploadRow {
	key: string;
	label: string;
	size: number;
	upload: TusUpload | ZipUpload;
}

const CONCURRENCY = 2;

/**
 * Uploads a delivery's files, two at a time, each with its own progress, and the overall
 * progress. Audio files go through tus, so a dropped connection resumes where it stopped (and
 * retries on its own); a paused file gives its turn to the next. A refused file (not audio,
 * damaged) shows the server's reason and does not stop the others.
 */
export class Uploader {
	#rows = $state<UploadRow[]>([]);
	#running = 0;

	constructor(
		private deliveryId: string,
		private onUploaded: () => void
	) {}

	get rows(): UploadRow[] {
		return this.#rows;
	}
	get busy(): boolean {
		return this.#rows.some((r) => r.upload.state === 'queued' || r.upload.state === 'uploading');
	}
	get total(): number {
		return this.#rows.reduce((s, r) => s + r.size, 0);
	}
	/** Refused files count as done, so the bar still reaches its end. */
	get loaded(): number {
		return this.#rows.reduce((s, r) => s + (this.#refused(r) ? r.size : r.upload.sent), 0);
	}
	get done(): number {
		return this.#rows.filter((r) => r.upload.state === 'done').length;
	}
	get refused(): number {
		return this.#rows.filter((r) => this.#refused(r)).length;
	}
	get paused(): number {
		return this.#rows.filter((r) => r.upload.state === 'paused').length;
	}

	add(picked: Picked[]): void {
		// A new batch after the last one finished starts a fresh list; unfinished rows stay.
		if (!this.busy)
			this.#rows = this.#rows.filter((r) => r.upload.state !== 'done' && !this.#refused(r));
		for (const p of picked) {
			const upload =
				p.path === null
					? new ZipUpload(p.file, this.deliveryId)
					: new TusUpload(p.file, {
							metadata: { deliveryId: this.deliveryId, path: p.path },
							scope: `delivery:${this.deliveryId}:${p.path}`
						});
			this.#rows.push({ key: upload.id, label: p.path ?? p.file.name, size: p.file.size, upload });
		}
		this.#pump();
	}

	pause(row: UploadRow): void {
		row.upload.pause();
	}

	/** Resume after a pause, or retry after a failure: back in line for a turn. */
	resume(row: UploadRow): void {
		row.upload.requeue();
		this.#pump();
	}

	#refused(r: UploadRow): boolean {
		return r.upload.state === 'failed' && !r.upload.retriable;
	}

	#pump(): void {
		while (this.#running < CONCURRENCY) {
			const next = this.#rows.find((r) => r.upload.state === 'queued');
			if (!next) return;
			this.#running++;
			void next.upload.start().finally(() => {
				this.#running--;
				this.onUploaded();
				this.#pump();
			});
		}
	}
}
