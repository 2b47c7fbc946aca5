import type { DetailedError, HttpResponse, Upload } from 'tus-js-client';

export type TusState = 'queued' | 'uploading' | 'paused' | 'done' | 'failed';

/** Refusals that trying again will not change (not audio, too large, no access, bad path). */
const FINAL_STATUS = [400, 403, 404, 413, 415, 422];
/** 409s that are a rule, not a stale offset (tus uses 409 for "resume from elsewhere"). */
const FINAL_CODES = ['delivery_accepted', 'final_locked', 'too_many_files'];

function errorBody(e: DetailedError): { code?: string; message?: string } | null {
	try {
		return JSON.parse(e.originalResponse?.getBody() ?? '')?.error ?? null;
	} catch {
		return null;
	}
}

/** Why it stopped, in plain words: our JSON error's message, else what the person can do. */
function describe(e: Error): string {
	const body = errorBody(e as DetailedError);
	if (body?.message) return body.message;
	return navigator.onLine
		? 'The connection broke off. Retry to continue where it left off.'
		: 'You are offline. Retry once you are back: the upload continues where it stopped.';
}

function isFinal(e: DetailedError): boolean {
	const status = e.originalResponse?.getStatus() ?? 0;
	return FINAL_STATUS.includes(status) || FINAL_CODES.includes(errorBody(e)?.code ?? '');
}

export interface TusUploadOptions {
	/** tus `Upload-Metadata`: what the upload becomes (`songId` or `deliveryId` and `path`). */
	metadata: Record<string, string>;
	/**
	 * Where this upload goes, part of the resume fingerprint: the same file sent to another song,
	 * or to two paths of a delivery, must not pick up the other upload's URL.
	 */
	scope: string;
	/** The completing PATCH (or the HEAD of an upload finished earlier). */
	onSuccess?: (response: HttpResponse) => void;
}

/**
 * One file sent with tus (`/api/v1/uploads`): resumable across dropped connections and reloads,
 * since tus-js-client keeps the upload URL in localStorage under the file's fingerprint.
 * Dropped requests are retried on their own; `start()` settles when the upload stops (done,
 * failed or paused), so a caller can run a few at a time.
 */
export class TusUpload {
	#state = $state<TusState>('queued');
	#sent = $state(0);
	#error = $state<string | null>(null);
	#retriable = $state(true);
	#upload: Upload | null = null;
	#settle: (() => void) | null = null;
	readonly id = crypto.randomUUID();
	readonly resumable = true;

	constructor(
		readonly file: File,
		private options: TusUploadOptions
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
	/** A refusal (not audio, too large, no access) will not change by trying again. */
	get retriable(): boolean {
		return this.#retriable;
	}
	get fraction(): number {
		return this.file.size ? this.#sent / this.file.size : 1;
	}

	/** Starts, or continues after a pause or a failure; resolves when it stops again. */
	async start(): Promise<void> {
		if (this.#state === 'uploading' || this.#state === 'done' || !this.#retriable) return;
		this.#error = null;
		this.#state = 'uploading';
		const stopped = new Promise<void>((resolve) => (this.#settle = resolve));
		if (this.#upload) {
			this.#upload.start();
			return stopped;
		}
		const tus = await import('tus-js-client');
		const scope = this.options.scope;
		this.#upload = new tus.Upload(this.file, {
			endpoint: '/api/v1/uploads',
			chunkSize: 8 * 1024 * 1024,
			retryDelays: [0, 1000, 3000, 5000, 10000],
			removeFingerprintOnSuccess: true,
			metadata: { filename: this.file.name, filetype: this.file.type, ...this.options.metadata },
			fingerprint: (file, o) =>
				Promise.resolve(
					['tus-br', scope, file.name, file.type, file.size, file.lastModified, o.endpoint].join(
						'-'
					)
				),
			onShouldRetry: (e) => !isFinal(e) && navigator.onLine,
			onProgress: (sent) => (this.#sent = sent),
			onError: (e) => {
				this.#state = 'failed';
				this.#retriable = !isFinal(e as DetailedError);
				this.#error = describe(e);
				this.#stop();
			},
			onSuccess: ({ lastResponse }) => {
				this.#state = 'done';
				this.#sent = this.file.size;
				this.options.onSuccess?.(lastResponse);
				this.#stop();
			}
		});
		const previous = await this.#upload.findPreviousUploads();
		if (previous.length) this.#upload.resumeFromPreviousUpload(previous[0]);
		// Paused while tus-js-client was loading: stay paused.
		if (this.#state === 'uploading') this.#upload.start();
		return stopped;
	}

	pause(): void {
		if (this.#state !== 'uploading') return;
		this.#state = 'paused';
		void this.#upload?.abort();
		this.#stop();
	}

	/** Back in line (after a pause or a failure) for a caller that runs a few at a time. */
	requeue(): void {
		if ((this.#state === 'paused' || this.#state === 'failed') && this.#retriable) {
			this.#error = null;
			this.#state = 'queued';
		}
	}

	#stop(): void {
		this.#settle?.();
		this.#settle = null;
	}
}
