import { apiFetch } from '$lib/comments/api.client';
import { ALL_NOTES, type NoteFilter } from '$lib/comments/note-filter';
import type { Note } from '$lib/comments/note.types';
import { NotesStore } from '$lib/comments/notes.svelte';
import { peaksFromJson, zoomForWindow, ZOOM_LEVELS, type Peaks } from '$lib/player/peaks';
import { Player, type AudioSource, type Variant } from '$lib/player/player.svelte';
import { actionForKey, keyBelongsToTarget } from '$lib/player/shortcuts';
import type { PresenceUser, ServerToClientEvents } from '$lib/realtime/events';
import { VersionRoom } from '$lib/realtime/presence.svelte';
import { peaksUrl, versionSource, type ReviewVersion } from './review';

type LiveEvent = keyof ServerToClientEvents;
type LiveHandlers = {
	/** The version or its approval changed, or events were missed: reload the page's data. */
	reload: () => Promise<unknown>;
};

const VARIANT_KEY = 'bounce:variant';

/**
 * The review room's screen state around the player: which note is open, the note being written,
 * the range being marked with [ and ], filters, zoom, and the keyboard. The page renders it.
 */
export class ReviewRoom {
	readonly player: Player;
	readonly notes: NotesStore;
	#version: ReviewVersion;
	#selectedId = $state<string | null>(null);
	#compose = $state<{ atMs: number; endMs: number | null } | null>(null);
	#rangeStart = $state<number | null>(null);
	#overview = $state.raw<Peaks | null>(null);
	#peaksError = $state<string | null>(null);
	#live = $state.raw<VersionRoom | null>(null);
	#liveHandlers: LiveHandlers | null = null;
	#meId: string;
	#notice = $state<string | null>(null);
	/** Not reactive on purpose: a cache of fetched zoom levels. */
	#detail: Record<string, Promise<Peaks>> = {};
	help = $state(false);
	filter = $state<NoteFilter>(ALL_NOTES);
	zoom = $state<number>(ZOOM_LEVELS.indexOf(1024));

	constructor(version: ReviewVersion, notes: Note[], canPlayOriginal: boolean, meId: string) {
		this.#version = version;
		this.#meId = meId;
		this.notes = new NotesStore(version.id, notes);
		const saved = readVariant();
		const variant: Variant = !canPlayOriginal
			? 'stream'
			: (saved ?? (isNarrowScreen() ? 'stream' : 'original'));
		this.player = new Player({ variant });
	}

	get version() {
		return this.#version;
	}
	get selected(): Note | null {
		return this.#selectedId ? (this.notes.find(this.#selectedId) ?? null) : null;
	}
	get selectedId() {
		return this.#selectedId;
	}
	get compose() {
		return this.#compose;
	}
	/** The range being marked: [ sets the start, ] the end (then a note is written on it). */
	get selection() {
		if (this.#compose?.endMs != null)
			return { startMs: this.#compose.atMs, endMs: this.#compose.endMs };
		return this.#rangeStart != null ? { startMs: this.#rangeStart, endMs: null } : null;
	}
	get overview() {
		return this.#overview;
	}
	get peaksError() {
		return this.#peaksError;
	}
	/** Everyone else on this version right now, with their playheads. */
	get listeners(): PresenceUser[] {
		return this.#live?.users.filter((u) => u.userId !== this.#meId) ?? [];
	}
	get live() {
		return this.#live;
	}
	get notice() {
		return this.#notice;
	}

	/**
	 * Joins the version's room: others' notes arrive live, presence shows who listens where, my
	 * playhead goes out (throttled by the room). Returns the cleanup for onMount.
	 */
	connect(handlers: LiveHandlers): () => void {
		this.#liveHandlers = handlers;
		this.#join();
		return () => {
			this.#live?.stop();
			this.#live = null;
			this.#liveHandlers = null;
		};
	}

	/** Tell the room where I am; call on every position or play/pause change. */
	sharePlayhead() {
		this.#live?.setPlayhead(this.player.positionMs, this.player.playing);
	}

	typing() {
		if (this.#compose) this.#live?.typing(this.#compose.atMs);
	}

	/** Follows another listener's playhead (null stops); the page seeks as they move. */
	follow(userId: string | null) {
		this.#live?.follow(userId);
	}

	#join() {
		const h = this.#liveHandlers;
		if (!h) return;
		this.#live?.stop();
		const room = new VersionRoom(this.#version.id, {
			onEvent: (event, payload) => this.#onLive(event, payload),
			onResync: async () => {
				await h.reload();
			},
			// A note written offline: in my list as soon as it is stored, whether or not the
			// socket is back yet to hear it announced.
			onStored: (comment) => this.notes.apply(comment)
		});
		this.#live = room;
		room.start();
	}

	#onLive(event: LiveEvent, payload: unknown) {
		if (event === 'comment:created' || event === 'comment:updated')
			this.notes.apply(payload as Note);
		else if (event === 'comment:deleted')
			this.notes.applyDeleted(payload as { id: string; versionId: string });
		else if (event === 'version:updated' || event === 'decision:recorded')
			void this.#liveHandlers?.reload();
		else if (event === 'version:evicted')
			this.#notice = 'You no longer have access to this version.';
	}

	/** Opens (or, after client navigation, switches to) a version at `startMs`. */
	open(version: ReviewVersion, notes: Note[], startMs?: number) {
		const changed = version.id !== this.#version.id;
		this.#version = version;
		if (changed || this.notes.versionId !== version.id) {
			this.notes.reset(version.id, notes);
			this.#selectedId = null;
			this.#compose = null;
			this.#rangeStart = null;
			this.#join();
		}
		this.player.setPrimary(versionSource(version), startMs);
		if (changed || !this.#overview) void this.#loadOverview();
	}

	setVariant(v: Variant) {
		this.player.setVariant(v);
		try {
			localStorage.setItem(VARIANT_KEY, v);
		} catch {
			/* private mode: the choice lasts for this page */
		}
	}

	select(id: string | null) {
		this.#selectedId = id;
		const n = id ? this.notes.find(id) : null;
		if (n) this.player.seek(n.atMs);
	}

	startNote(atMs = this.player.positionMs, endMs: number | null = null) {
		this.#compose = { atMs: Math.round(atMs), endMs: endMs == null ? null : Math.round(endMs) };
	}

	markRangeStart() {
		this.#rangeStart = this.player.positionMs;
		this.#compose = null;
	}

	markRangeEnd() {
		const a = this.#rangeStart;
		const b = this.player.positionMs;
		if (a == null || Math.abs(b - a) < 50) return this.startNote(b);
		this.#rangeStart = null;
		this.startNote(Math.min(a, b), Math.max(a, b));
	}

	cancel() {
		if (this.help) this.help = false;
		else if (this.#compose) this.#compose = null;
		else if (this.#rangeStart != null) this.#rangeStart = null;
		else this.#selectedId = null;
	}

	async post(input: { body: string; endMs: number | null; briefItemId: string | null }) {
		const c = this.#compose;
		if (!c) return;
		const input2 = {
			body: input.body,
			atMs: c.atMs,
			endMs: input.endMs,
			briefItemId: input.briefItemId
		};
		// Through the live room when there is one: offline, it keeps the note and sends it later.
		const note = this.#live ? await this.#live.postNote(input2) : await this.notes.create(input2);
		this.#compose = null;
		// Queued (null): the page lists it under "Waiting for connection" until it is stored.
		if (note) {
			this.notes.apply(note);
			this.#selectedId = note.id;
		}
	}

	async reply(body: string) {
		const parent = this.selected;
		if (parent) await this.notes.create({ body, atMs: parent.atMs, parentId: parent.id });
	}

	async remove(id: string) {
		await this.notes.remove(id);
		if (id === this.#selectedId) this.#selectedId = null;
	}

	async address(ids: string[]) {
		await apiFetch(`/api/v1/versions/${this.#version.id}`, {
			method: 'PATCH',
			body: { addresses: ids }
		});
	}

	/** Whole-song peaks at a detail zoom, fetched once per level and kept. */
	loadDetail = (samplesPerPixel: number): Promise<Peaks> => {
		const source = versionSource(this.#version);
		const key = `${source.key}@${samplesPerPixel}`;
		let p = this.#detail[key];
		if (!p) {
			p = fetchPeaks(peaksUrl(source, samplesPerPixel));
			p.catch(() => delete this.#detail[key]);
			this.#detail[key] = p;
		}
		return p;
	};

	/** Picks a zoom showing about 20 s on this screen, once the first peaks tell the sample rate. */
	fitZoom(width: number) {
		if (this.#overview && width > 0) {
			this.zoom = zoomForWindow(20, width, this.#overview.sampleRate);
		}
	}

	/** The global keyboard map; keys typed into fields are left alone. */
	handleKey(e: KeyboardEvent, abSource: () => AudioSource | null) {
		if (keyBelongsToTarget(e, e.target as HTMLElement | null)) return;
		const a = actionForKey(e);
		if (!a || (this.help && a.type !== 'help' && a.type !== 'cancel')) return;
		e.preventDefault();
		const p = this.player;
		switch (a.type) {
			case 'togglePlay':
				return p.toggle();
			case 'nudge':
				return p.nudge(a.ms);
			case 'shuttle':
				return p.shuttle(a.dir);
			case 'noteAtPlayhead':
				return this.startNote();
			case 'rangeStart':
				return this.markRangeStart();
			case 'rangeEnd':
				return this.markRangeEnd();
			case 'cancel':
				return this.cancel();
			case 'help':
				this.help = !this.help;
				return;
			case 'zoom':
				this.zoom = Math.max(0, Math.min(ZOOM_LEVELS.length - 1, this.zoom + a.dir));
				return;
			case 'toggleAb':
				if (abSource()) p.toggleSide();
				return;
		}
	}

	async #loadOverview() {
		const version = this.#version;
		this.#overview = null;
		this.#peaksError = null;
		if (version.status !== 'ready') return;
		try {
			const peaks = await fetchPeaks(peaksUrl(versionSource(version)));
			if (version.id === this.#version.id) this.#overview = peaks;
		} catch (e) {
			this.#peaksError = e instanceof Error ? e.message : 'The waveform could not be loaded.';
		}
	}
}

async function fetchPeaks(url: string): Promise<Peaks> {
	return peaksFromJson(await apiFetch<unknown>(url));
}

function readVariant(): Variant | null {
	try {
		const v = localStorage.getItem(VARIANT_KEY);
		return v === 'original' || v === 'stream' ? v : null;
	} catch {
		return null;
	}
}

/** On a phone the data-saver stream is the sensible first choice. */
const isNarrowScreen = () =>
	typeof window !== 'undefined' && window.matchMedia('(max-width: 640px)').matches;
