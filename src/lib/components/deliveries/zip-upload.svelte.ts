import type { TusState } from '$lib/upload/tus-upload.svelte';

/**
 * A zip sent in one POST (`/api/v1/deliveries/:id/files`): tus takes single audio files only,
 * since the server must see the whole zip before unpacking it. A broken connection means
 * sending it again from the start, which is why the page suggests dropping the folder instead.
 */
export class ZipUpload {
	#state = $state<TusState>('queued');
	#sent = $state(0);
	#error = $state<string | null>(null);
	#retriable = $state(true);
	readonly id = crypto.randomUUID();
	readonly resumable = false;

	constructor(
		readonly file: File,
		private deliveryId: string
	) {}

	get state(): TusState {
		return this.#state;
	}
	get sent(): number {
		return this.#sent;
	}
	get error(): string | null {
		return this.#error;
	}
	get retriable(): boolean {
		return this.#retriable;
	}

	start(): Promise<void> {
		this.#error = null;
		this.#sent = 0;
		this.#state = 'uploading';
		return new Promise((resolve) => {
			const xhr = new XMLHttpRequest();
			xhr.open('POST', `/api/v1/deliveries/${this.deliveryId}/files`);
			xhr.setRequestHeader('Content-Type', 'application/zip');
			xhr.upload.onprogress = (e) => (this.#sent = e.loaded);
			xhr.onload = () => {
				if (xhr.status === 201) {
					this.#state = 'done';
					this.#sent = this.file.size;
				} else {
					this.#state = 'failed';
					this.#retriable = xhr.status >= 500;
					try {
						this.#error = JSON.parse(xhr.responseText).error.message;
					} catch {
						this.#error = `The upload failed (${xhr.status}).`;
					}
				}
				resolve();
			};
			xhr.onerror = () => {
				this.#state = 'failed';
				this.#error =
					'The connection broke off. A zip starts over: retry, or drop the folder to upload it resumably.';
				resolve();
			};
			xhr.send(this.file);
		});
	}

	pause(): void {
		// A zip cannot pause: the server needs it whole.
	}

	requeue(): void {
		if (this.#state === 'failed' && this.#retriable) {
			this.#error = null;
			this.#state = 'queued';
		}
	}
}
