import type { Comment, PresenceUser, ServerToClientEvents } from './events';
import { getSocket, type ClientSocket } from './socket.client';

export interface NoteInput {
	body: string;
	atMs: number;
	endMs?: number | null;
	parentId?: string | null;
	briefItemId?: string | null;
}

type Pending = NoteInput & { clientId: string };

export interface VersionRoomOptions {
	/** Called with every version event the server sends (new notes, edits, decisions…). */
	onEvent?: <E extends keyof ServerToClientEvents>(
		event: E,
		payload: Parameters<ServerToClientEvents[E]>[0]
	) => void;
	/** Reload the page's data over HTTP: the connection came back but missed events were lost. */
	onResync?: () => void | Promise<void>;
	/** A note from the offline queue was stored (it is not returned to anyone otherwise). */
	onStored?: (comment: Comment) => void;
	socket?: ClientSocket;
	fetch?: typeof fetch;
}

const PLAYHEAD_EVERY_MS = 250;
const TYPING_EVERY_MS = 1000;
const FORWARDED = [
	'comment:created',
	'comment:updated',
	'comment:deleted',
	'version:updated',
	'decision:recorded',
	'version:evicted'
] as const;

/**
 * A version page's live state: who is here (playheads, playing, typing), sending my playhead and
 * typing (throttled), following another listener, and notes written offline, sent with their
 * clientId once the connection is back so the server stores each exactly once.
 */
export class VersionRoom {
	#users = $state<PresenceUser[]>([]);
	#connected = $state(false);
	#joined = $state(false);
	#error = $state<string | null>(null);
	#pending = $state<Pending[]>([]);
	/** clientIds of notes on their first attempt (postNote): being sent, not waiting yet. */
	#sending = $state<string[]>([]);
	#following = $state<string | null>(null);

	#socket: ClientSocket;
	#fetch: typeof fetch;
	#opts: VersionRoomOptions;
	#wasConnected = false;
	#lastPlayhead = 0;
	#playheadTimer: ReturnType<typeof setTimeout> | undefined;
	#nextPlayhead: { positionMs: number; playing: boolean } | null = null;
	#lastTyping = 0;
	#flushing: Promise<void> | null = null;
	#flushAgain = false;
	#off: (() => void)[] = [];

	constructor(
		readonly versionId: string,
		opts: VersionRoomOptions = {}
	) {
		this.#opts = opts;
		this.#socket = opts.socket ?? getSocket();
		this.#fetch = opts.fetch ?? fetch;
		this.#pending = this.#loadQueue();
	}

	get users() {
		return this.#users;
	}
	get connected() {
		return this.#connected;
	}
	get joined() {
		return this.#joined;
	}
	get error() {
		return this.#error;
	}
	/** Notes written while offline, not yet stored. */
	get pending() {
		return this.#pending;
	}
	/** The pending notes waiting for the connection (not the one being posted right now). */
	get waiting() {
		return this.#pending.filter((p) => !this.#sending.includes(p.clientId));
	}
	get following() {
		return this.#following;
	}
	/** The followed listener's playhead, for the player to seek to; null when not following. */
	get followedPlayhead(): { positionMs: number; playing: boolean } | null {
		const u = this.#users.find((x) => x.userId === this.#following);
		return u ? { positionMs: u.positionMs, playing: u.playing } : null;
	}

	start(): () => void {
		const s = this.#socket;
		const on = <E extends keyof ServerToClientEvents>(e: E, fn: ServerToClientEvents[E]) => {
			s.on(e, fn as never);
			this.#off.push(() => s.off(e, fn as never));
		};
		const onConnect = () => void this.#onConnect();
		const onDisconnect = () => {
			this.#connected = false;
			this.#joined = false;
		};
		s.on('connect', onConnect);
		s.on('disconnect', onDisconnect);
		this.#off.push(() => s.off('connect', onConnect).off('disconnect', onDisconnect));
		on('presence', (p) => {
			if (p.versionId === this.versionId) this.#users = p.users;
		});
		for (const event of FORWARDED) {
			on(event, ((payload: { versionId?: string; id?: string }) => {
				const vid = event === 'version:updated' ? payload.id : payload.versionId;
				if (vid !== this.versionId) return;
				if (event === 'version:evicted') {
					this.#joined = false;
					this.#error = 'evicted';
				}
				this.#opts.onEvent?.(event, payload as never);
			}) as never);
		}
		if (s.connected) void this.#onConnect();
		else s.connect();
		const online = () => void this.flush();
		globalThis.addEventListener?.('online', online);
		this.#off.push(() => globalThis.removeEventListener?.('online', online));
		return () => this.stop();
	}

	stop(): void {
		clearTimeout(this.#playheadTimer);
		if (this.#socket.connected) this.#socket.emit('version:leave', this.versionId);
		for (const off of this.#off.splice(0)) off();
		this.#joined = false;
	}

	/** Report my playhead; sent at most every 250 ms (the latest value wins), at once on play/pause. */
	setPlayhead(positionMs: number, playing: boolean): void {
		const changedPlaying = this.#nextPlayhead?.playing !== playing;
		this.#nextPlayhead = { positionMs: Math.max(0, Math.round(positionMs)), playing };
		const wait = PLAYHEAD_EVERY_MS - (Date.now() - this.#lastPlayhead);
		if (changedPlaying || wait <= 0) return this.#sendPlayhead();
		this.#playheadTimer ??= setTimeout(() => this.#sendPlayhead(), wait);
	}

	/** Call on each keystroke in the note box; the server is told at most once a second. */
	typing(atMs: number): void {
		if (!this.#joined || Date.now() - this.#lastTyping < TYPING_EVERY_MS) return;
		this.#lastTyping = Date.now();
		this.#socket.emit('comment:typing', { versionId: this.versionId, atMs: Math.round(atMs) });
	}

	follow(userId: string | null): void {
		this.#following = userId;
	}

	/**
	 * Posts a note. Offline (or when the request fails on the network), it is queued and sent when
	 * the connection returns; the clientId makes the resend safe. Returns null when queued.
	 */
	async postNote(input: NoteInput): Promise<Comment | null> {
		const note: Pending = { ...input, clientId: crypto.randomUUID() };
		this.#pending = [...this.#pending, note];
		this.#saveQueue();
		if (globalThis.navigator?.onLine === false) return null;
		this.#sending = [...this.#sending, note.clientId];
		try {
			return await this.#send(note);
		} finally {
			this.#sending = this.#sending.filter((id) => id !== note.clientId);
		}
	}

	/**
	 * Sends every queued note, oldest first; stops at the first network failure. One run at a time:
	 * `online` and the socket's reconnect both call it, and two runs would post each note twice
	 * (the clientId keeps it stored once, but it is wasted work). A call during a run runs again
	 * after it, since the network may have come back meanwhile.
	 */
	flush(): Promise<void> {
		if (this.#flushing) {
			this.#flushAgain = true;
			return this.#flushing;
		}
		this.#flushing = (async () => {
			do {
				this.#flushAgain = false;
				await this.#drain();
			} while (this.#flushAgain);
		})().finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	async #drain(): Promise<void> {
		// A note on its first attempt is postNote's to send.
		const queued = this.#pending.filter((p) => !this.#sending.includes(p.clientId));
		for (const note of queued) {
			let stored: Comment | null;
			try {
				stored = await this.#send(note);
			} catch {
				// Refused for good (4xx, it has left the queue) or a server error (kept): go on
				// with the next one after a refusal, try again later after a server error.
				if (this.#pending.some((p) => p.clientId === note.clientId)) return;
				continue;
			}
			if (stored === null) return; // still offline
			this.#opts.onStored?.(stored);
		}
	}

	async #send(note: Pending): Promise<Comment | null> {
		let res: Response;
		try {
			res = await this.#fetch(`/api/v1/versions/${this.versionId}/comments`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(note)
			});
		} catch {
			return null; // offline: stays queued
		}
		// Stored (201), or stored earlier (200), or refused for good (4xx): it leaves the queue.
		if (res.status < 500) {
			this.#pending = this.#pending.filter((p) => p.clientId !== note.clientId);
			this.#saveQueue();
		}
		const body = (await res.json().catch(() => null)) as {
			comment?: Comment;
			error?: { message: string };
		} | null;
		if (!res.ok) throw new Error(body?.error?.message ?? `The note was not saved (${res.status}).`);
		return body?.comment ?? null;
	}

	async #onConnect(): Promise<void> {
		const s = this.#socket;
		this.#connected = true;
		// A recovered connection got its missed events replayed; otherwise reload over HTTP.
		const resync = this.#wasConnected && !s.recovered;
		this.#wasConnected = true;
		const ack = await s
			.timeout(10_000)
			.emitWithAck('version:join', this.versionId)
			.catch(() => null);
		if (!ack?.ok) {
			this.#error = ack ? ack.error : 'timeout';
			return;
		}
		this.#error = null;
		this.#joined = true;
		this.#users = ack.presence;
		if (this.#nextPlayhead) this.#sendPlayhead();
		await this.flush();
		if (resync) await this.#opts.onResync?.();
	}

	#sendPlayhead(): void {
		clearTimeout(this.#playheadTimer);
		this.#playheadTimer = undefined;
		if (!this.#nextPlayhead || !this.#joined) return;
		this.#lastPlayhead = Date.now();
		this.#socket.emit('presence:update', { versionId: this.versionId, ...this.#nextPlayhead });
	}

	get #queueKey() {
		return `bounce.pending-notes.${this.versionId}`;
	}

	#loadQueue(): Pending[] {
		try {
			return JSON.parse(globalThis.localStorage?.getItem(this.#queueKey) ?? '[]') as Pending[];
		} catch {
			return [];
		}
	}

	#saveQueue(): void {
		try {
			globalThis.localStorage?.setItem(this.#queueKey, JSON.stringify(this.#pending));
		} catch {
			/* storage full or disabled: the queue still lives in memory */
		}
	}
}
