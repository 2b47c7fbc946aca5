import type { Picked } from './collect-files';

/**
 * Uploads a delivery's files, two at a time, each with its own progress (XMLHttpRequest upload
 * events) and the overall progress. A refused file (not audio, damaged) is shown with the
 * server's reason and does not stop the others.
 */
export interface UploadItem {
	key: number;
	label: string;
	size: number;
	loaded: number;
	status: 'queued' | 'uploading' | 'done' | 'refused';
	message: string | null;
}

const CONCURRENCY = 2;
let nextKey = 0;

export class Uploader {
	#items = $state<UploadItem[]>([]);
	#queue: { item: UploadItem; picked: Picked }[] = [];
	#running = 0;

	constructor(
		private deliveryId: string,
		private onUploaded: () => void
	) {}

	get items(): UploadItem[] {
		return this.#items;
	}
	get busy(): boolean {
		return this.#items.some((i) => i.status === 'queued' || i.status === 'uploading');
	}
	get total(): number {
		return this.#items.reduce((s, i) => s + i.size, 0);
	}
	get loaded(): number {
		return this.#items.reduce((s, i) => s + (i.status === 'refused' ? i.size : i.loaded), 0);
	}
	get refused(): number {
		return this.#items.filter((i) => i.status === 'refused').length;
	}

	add(picked: Picked[]): void {
		if (!this.busy) this.#items = [];
		for (const p of picked) {
			this.#items.push({
				key: nextKey++,
				label: p.path ?? p.file.name,
				size: p.file.size,
				loaded: 0,
				status: 'queued',
				message: null
			});
			// The proxy from $state, so progress updates re-render.
			this.#queue.push({ item: this.#items[this.#items.length - 1], picked: p });
		}
		this.#pump();
	}

	#pump(): void {
		while (this.#running < CONCURRENCY && this.#queue.length) {
			const job = this.#queue.shift()!;
			this.#running++;
			void this.#send(job.item, job.picked).finally(() => {
				this.#running--;
				this.onUploaded();
				this.#pump();
			});
		}
	}

	#send(item: UploadItem, picked: Picked): Promise<void> {
		return new Promise((resolve) => {
			const xhr = new XMLHttpRequest();
			const q = picked.path === null ? '' : `?path=${encodeURIComponent(picked.path)}`;
			xhr.open('POST', `/api/v1/deliveries/${this.deliveryId}/files${q}`);
			xhr.setRequestHeader(
				'Content-Type',
				picked.path === null ? 'application/zip' : picked.file.type || 'application/octet-stream'
			);
			item.status = 'uploading';
			xhr.upload.onprogress = (e) => (item.loaded = e.loaded);
			xhr.onload = () => {
				if (xhr.status === 201) {
					item.status = 'done';
					item.loaded = item.size;
				} else {
					item.status = 'refused';
					try {
						item.message = JSON.parse(xhr.responseText).error.message;
					} catch {
						item.message = `The upload failed (${xhr.status}).`;
					}
				}
				resolve();
			};
			xhr.onerror = () => {
				item.status = 'refused';
				item.message = 'The connection broke off. Try this file again.';
				resolve();
			};
			xhr.send(picked.file);
		});
	}
}
