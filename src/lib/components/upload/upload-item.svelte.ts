import type { Upload } from 'tus-js-client';

export type UploadState = 'uploading' | 'paused' | 'done' | 'failed';

/** Why the server refused, from our JSON error body; else tus-js-client's own message. */
function describe(e: Error & { originalResponse?: { getBody(): string } | null }): string {
	try {
		const body = JSON.parse(e.originalResponse?.getBody() ?? '');
		if (body?.error?.message) return body.error.message;
	} catch {
		/* not our JSON: fall through */
	}
	return navigator.onLine
		? 'The upload stopped. Retry to continue where it left off.'
		: 'You are offline. The upload resumes where it stopped when you retry.';
}

/**
 * One file on its way up (tus: resumable across dropped connections and closed laptops, since
 * tus-js-client remembers the upload URL for this file in localStorage).
 */
export class UploadItem {
	#state = $state<UploadState>('uploading');
	#sent = $state(0);
	#error = $state<string | null>(null);
	#retriable = $state(true);
	#upload: Upload | null = null;
	readonly id = crypto.randomUUID();

	constructor(
		readonly file: File,
		private options: { songId: string; notes: string; onDone: (versionId: string) => void }
	) {}

	get state() {
		return this.#state;
	}
	get error() {
		return this.#error;
	}
	/** A refusal (not audio, too large, no access) will not change by trying again. */
	get retriable() {
		return this.#retriable;
	}
	get fraction() {
		return this.file.size ? this.#sent / this.file.size : 1;
	}

	async start(): Promise<void> {
		const tus = await import('tus-js-client');
		this.#upload = new tus.Upload(this.file, {
			endpoint: '/api/v1/uploads',
			chunkSize: 8 * 1024 * 1024,
			retryDelays: [0, 1000, 3000, 5000, 10000],
			removeFingerprintOnSuccess: true,
			metadata: {
				songId: this.options.songId,
				filename: this.file.name,
				filetype: this.file.type,
				notes: this.options.notes
			},
			onProgress: (sent) => (this.#sent = sent),
			onError: (e) => {
				const err = e as Error & { originalResponse?: { getStatus(): number; getBody(): string } };
				const status = err.originalResponse?.getStatus() ?? 0;
				this.#state = 'failed';
				this.#retriable = ![400, 403, 404, 413, 415, 422].includes(status);
				this.#error = describe(err);
			},
			onSuccess: ({ lastResponse }) => {
				this.#state = 'done';
				this.#sent = this.file.size;
				this.options.onDone(lastResponse.getHeader('Bounce-Version-Id') ?? '');
			}
		});
		const previous = await this.#upload.findPreviousUploads();
		if (previous.length) this.#upload.resumeFromPreviousUpload(previous[0]);
		this.#state = 'uploading';
		this.#upload.start();
	}

	pause(): void {
		if (this.#state !== 'uploading' || !this.#upload) return;
		void this.#upload.abort();
		this.#state = 'paused';
	}

	resume(): void {
		if (!this.#upload || (this.#state !== 'paused' && this.#state !== 'failed')) return;
		if (!this.#retriable) return;
		this.#error = null;
		this.#state = 'uploading';
		this.#upload.start();
	}
}
