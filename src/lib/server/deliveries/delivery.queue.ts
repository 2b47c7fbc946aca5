/**
 * A small in-process job queue: at most `concurrency` jobs at once, each key at most once.
 * The database is the truth: a job carries only an id, and an unfinished row is queued again
 * when it is next read (see delivery.service ensureAnalysing), so a crash loses nothing.
 *
 * TO UNIFY with versions/analysis.queue.ts (the same idea) once the versions branch is on main.
 */
export class JobQueue {
	#pending: string[] = [];
	#queued = new Set<string>();
	#running = 0;
	#idle: (() => void)[] = [];

	constructor(
		private run: (key: string) => Promise<void>,
		private concurrency = 1
	) {}

	enqueue(key: string): void {
		if (this.#queued.has(key)) return;
		this.#queued.add(key);
		this.#pending.push(key);
		this.#pump();
	}

	has(key: string): boolean {
		return this.#queued.has(key);
	}

	get size(): number {
		return this.#pending.length + this.#running;
	}

	idle(): Promise<void> {
		return this.size === 0 ? Promise.resolve() : new Promise((r) => this.#idle.push(r));
	}

	#pump(): void {
		while (this.#running < this.concurrency && this.#pending.length) {
			const key = this.#pending.shift()!;
			this.#running++;
			void this.run(key)
				.catch((e: unknown) => console.error(`delivery job ${key} failed`, e))
				.finally(() => {
					this.#running--;
					this.#queued.delete(key);
					if (this.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
					this.#pump();
				});
		}
	}
}
