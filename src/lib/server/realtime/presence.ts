import type { PresenceUser } from '$lib/realtime/events';

interface Entry {
	userId: string;
	name: string;
	role: string;
	positionMs: number;
	playing: boolean;
	typingAtMs: number | null;
	typingUntil: number;
	updatedAt: number;
	typingTimer?: ReturnType<typeof setTimeout>;
}

export interface PresenceOptions {
	/** At most one `presence` broadcast per room per this many ms; changes in between coalesce. */
	intervalMs: number;
	/** "X is writing" fades this long after their last keystroke event. */
	typingMs: number;
}

/**
 * Who is on which version page, per socket (one user may have several tabs); broadcast per user.
 * Every change marks the room dirty and the room is broadcast at most every `intervalMs`, so a
 * room full of playing listeners costs a bounded number of messages however often they report.
 */
export class PresenceTracker {
	#rooms = new Map<string, Map<string, Entry>>();
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	#lastFlush = new Map<string, number>();

	constructor(
		private broadcast: (versionId: string, users: PresenceUser[]) => void,
		private opts: PresenceOptions
	) {}

	join(versionId: string, socketId: string, who: { userId: string; name: string; role: string }) {
		let room = this.#rooms.get(versionId);
		if (!room) this.#rooms.set(versionId, (room = new Map()));
		const existing = room.get(socketId);
		if (existing) existing.role = who.role;
		else {
			room.set(socketId, {
				...who,
				positionMs: 0,
				playing: false,
				typingAtMs: null,
				typingUntil: 0,
				updatedAt: Date.now()
			});
		}
		this.#schedule(versionId);
	}

	has(versionId: string, socketId: string): boolean {
		return this.#rooms.get(versionId)?.has(socketId) ?? false;
	}

	role(versionId: string, socketId: string): string | undefined {
		return this.#rooms.get(versionId)?.get(socketId)?.role;
	}

	leave(versionId: string, socketId: string): void {
		const room = this.#rooms.get(versionId);
		const entry = room?.get(socketId);
		if (!room || !entry) return;
		clearTimeout(entry.typingTimer);
		room.delete(socketId);
		this.#schedule(versionId);
	}

	update(versionId: string, socketId: string, positionMs: number, playing: boolean): void {
		const entry = this.#rooms.get(versionId)?.get(socketId);
		if (!entry) return;
		entry.positionMs = positionMs;
		entry.playing = playing;
		entry.updatedAt = Date.now();
		this.#schedule(versionId);
	}

	typing(versionId: string, socketId: string, atMs: number): void {
		const entry = this.#rooms.get(versionId)?.get(socketId);
		if (!entry) return;
		entry.typingAtMs = atMs;
		entry.typingUntil = Date.now() + this.opts.typingMs;
		clearTimeout(entry.typingTimer);
		entry.typingTimer = setTimeout(() => this.#schedule(versionId), this.opts.typingMs + 5);
		this.#schedule(versionId);
	}

	/** The user posted their note: they are no longer writing it (in any of their tabs). */
	stopTyping(versionId: string, userId: string): void {
		const room = this.#rooms.get(versionId);
		let changed = false;
		for (const e of room?.values() ?? []) {
			if (e.userId !== userId || e.typingUntil === 0) continue;
			clearTimeout(e.typingTimer);
			e.typingUntil = 0;
			e.typingAtMs = null;
			changed = true;
		}
		if (changed) this.#schedule(versionId);
	}

	/** One row per user: their most recently active tab's playhead; typing if any tab types. */
	users(versionId: string): PresenceUser[] {
		const now = Date.now();
		const byUser = new Map<string, { entry: Entry; typing: { atMs: number } | null }>();
		for (const e of this.#rooms.get(versionId)?.values() ?? []) {
			const typing = e.typingUntil > now && e.typingAtMs !== null ? { atMs: e.typingAtMs } : null;
			const seen = byUser.get(e.userId);
			if (!seen || e.updatedAt > seen.entry.updatedAt) {
				byUser.set(e.userId, { entry: e, typing: typing ?? seen?.typing ?? null });
			} else if (typing && !seen.typing) seen.typing = typing;
		}
		return [...byUser.values()].map(({ entry, typing }) => ({
			userId: entry.userId,
			name: entry.name,
			role: entry.role,
			positionMs: entry.positionMs,
			playing: entry.playing,
			typing
		}));
	}

	#schedule(versionId: string): void {
		if (this.#timers.has(versionId)) return;
		const since = Date.now() - (this.#lastFlush.get(versionId) ?? 0);
		const delay = Math.max(0, this.opts.intervalMs - since);
		this.#timers.set(
			versionId,
			setTimeout(() => this.#flush(versionId), delay)
		);
	}

	#flush(versionId: string): void {
		this.#timers.delete(versionId);
		this.#lastFlush.set(versionId, Date.now());
		const users = this.users(versionId);
		if (users.length === 0) {
			this.#rooms.delete(versionId);
			this.#lastFlush.delete(versionId);
		}
		this.broadcast(versionId, users);
	}
}
