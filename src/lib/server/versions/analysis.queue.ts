/**
 * A small in-process job queue: long work (analysis, encoding) runs off the request path, at
 * most `concurrency` at a time, each job at most once in the queue. The database is the truth:
 * a job only carries an id, and a crash is recovered by re-queueing unfinished rows at start-up.
 */
export class JobQueue<J extends { key: string }> {
	#pending: J[] = [];
	#queued = new Set<string>();
	#running = 0;
	#idle: (() => void)[] = [];

	constructor(
		private run: (job: J) => Promise<void>,
		private concurrency = 1,
		private onError: (job: J, e: unknown) => void = (job, e) =>
			console.error(`job ${job.key} failed`, e)
	) {}

	enqueue(job: J): void {
		if (this.#queued.has(job.key)) return;
		this.#queued.add(job.key);
		this.#pending.push(job);
		this.#pump();
	}

	get size(): number {
		return this.#pending.length + this.#running;
	}

	/** Resolves when nothing is queued or running (tests, graceful shutdown). */
	idle(): Promise<void> {
		if (this.size === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	#pump(): void {
		while (this.#running < this.concurrency && this.#pending.length) {
			const job = this.#pending.shift()!;
			this.#running++;
			// The key stays "queued" while running so a duplicate request cannot start it twice.
			void this.run(job)
				.catch((e: unknown) => this.onError(job, e))
				.finally(() => {
					this.#running--;
					this.#queued.delete(job.key);
					if (this.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
					this.#pump();
				});
		}
	}
}
