import type { Howl } from 'howler';
import { dbToVolume, matchGains } from './loudness';

/** Something to play: a mix version or a reference track. */
export interface AudioSource {
	/** Stable identity, e.g. `version:<id>` or `reference:<id>`. */
	key: string;
	label: string;
	/** The stream URL is null while the data-saver variant is not encoded yet. */
	urls: { original: string; stream: string | null };
	/** Codec hints for howler (the URLs have no file extension). */
	formats: { original: string; stream: string };
	lufs: number | null;
	durationMs: number | null;
}

export type Variant = 'original' | 'stream';
export type Side = 'a' | 'b';

/** Crossfade of a gapless switch: short enough to keep the spot, long enough not to click. */
const CROSSFADE_MS = 30;
const SHUTTLE_RATES = [1, 1.5, 2];
const SHUTTLE_BACK_MS = 5000;

let howler: Promise<typeof import('howler')> | null = null;
/** howler touches `window` when it loads: import it in the browser only, once. */
const loadHowler = () => (howler ??= import('howler'));

/**
 * The review room's playback: one small class around howler (HTML5 audio, so long files stream
 * instead of being decoded whole). Components read the getters and call the methods; nothing else
 * touches a Howl.
 *
 * Switching what plays (another version, the B side, a reference, the other variant) keeps the
 * position without a gap: the target starts muted at the current position and, on its first
 * 'play', the two crossfade over ~30 ms.
 */
export class Player {
	#current: Howl | null = null;
	#currentUrl = '';
	#pending: Howl | null = null;
	#pendingUrl = '';
	#token = 0;
	#raf = 0;
	#shuttle = 0;

	#a = $state<AudioSource | null>(null);
	#b = $state<AudioSource | null>(null);
	#side = $state<Side>('a');
	#match = $state(true);
	#variant = $state<Variant>('original');
	#playing = $state(false);
	#positionMs = $state(0);
	#durationMs = $state(0);
	#rate = $state(1);
	#loading = $state(false);
	#error = $state<string | null>(null);

	constructor(opts: { variant?: Variant } = {}) {
		if (opts.variant) this.#variant = opts.variant;
	}

	get playing() {
		return this.#playing;
	}
	get positionMs() {
		return this.#positionMs;
	}
	get durationMs() {
		return this.#durationMs;
	}
	get rate() {
		return this.#rate;
	}
	get loading() {
		return this.#loading;
	}
	get error() {
		return this.#error;
	}
	get variant() {
		return this.#variant;
	}
	/** The mix this page is about (side A). */
	get primary() {
		return this.#a;
	}
	/** What A is compared with: another version or a reference track (side B), if any. */
	get compared() {
		return this.#b;
	}
	get side() {
		return this.#side;
	}
	get matchLoudness() {
		return this.#match;
	}
	/** What is heard right now. */
	get source(): AudioSource | null {
		return this.#side === 'b' && this.#b ? this.#b : this.#a;
	}
	/** Gains (dB) for each side: the louder one turned down when matching is on. */
	get gains() {
		return matchGains(this.#a?.lufs, this.#b?.lufs, this.#match && !!this.#b);
	}
	/** The gain applied to what is heard right now, in dB (≤ 0). */
	get appliedGainDb() {
		return this.#b ? this.gains[this.#side] : 0;
	}

	/** Sets side A (the page's version); plays on from the same spot when something was playing. */
	setPrimary(source: AudioSource, startMs?: number) {
		if (this.#a?.key === source.key) return;
		this.#a = source;
		if (this.#b?.key === source.key) this.setCompare(null);
		if (startMs !== undefined) this.#positionMs = startMs;
		if (this.#side === 'a') void this.#switch();
	}

	/** Chooses side B (null ends the comparison and returns to A). */
	setCompare(source: AudioSource | null) {
		this.#b = source;
		if (!source && this.#side === 'b') this.#side = 'a';
		void this.#switch();
	}

	setSide(side: Side) {
		if (side === 'b' && !this.#b) return;
		this.#side = side;
		void this.#switch();
	}

	toggleSide() {
		this.setSide(this.#side === 'a' ? 'b' : 'a');
	}

	setMatchLoudness(on: boolean) {
		this.#match = on;
		this.#current?.volume(dbToVolume(this.appliedGainDb));
	}

	setVariant(variant: Variant) {
		this.#variant = variant;
		void this.#switch();
	}

	/** Before the audio exists (howler still loading) the wish is kept: it starts once created. */
	play() {
		this.#playing = true;
		this.#current?.play();
		this.#loop();
	}

	pause() {
		this.#commitPending();
		this.#current?.pause();
		this.#playing = false;
		this.#shuttle = 0;
		this.#setRate(1);
		this.#readPosition();
	}

	toggle() {
		if (this.#playing) this.pause();
		else this.play();
	}

	seek(ms: number) {
		const max = this.#durationMs || Infinity;
		const t = Math.max(0, Math.min(max, ms));
		this.#positionMs = t;
		this.#current?.seek(seconds(t));
		this.#pending?.seek(seconds(t));
	}

	nudge(deltaMs: number) {
		// Paused, the state is the truth: howler queues a seek on audio that is still loading, so
		// reading the element back would lose a quick second press (→ → → must add up).
		const from = this.#playing ? this.#livePositionMs() : this.#positionMs;
		this.seek(from + deltaMs);
	}

	/** J/K/L: back (again: further back), stop, play (again: faster). */
	shuttle(dir: -1 | 0 | 1) {
		if (dir === 0) return this.pause();
		if (dir === -1) {
			this.#shuttle = this.#shuttle < 0 ? this.#shuttle - 1 : -1;
			return this.nudge(SHUTTLE_BACK_MS * this.#shuttle);
		}
		if (!this.#playing) {
			this.#shuttle = 1;
			this.#setRate(1);
			return this.play();
		}
		this.#shuttle = Math.min(SHUTTLE_RATES.length, Math.max(1, this.#shuttle + 1));
		this.#setRate(SHUTTLE_RATES[this.#shuttle - 1]);
	}

	destroy() {
		this.#token++;
		cancelAnimationFrame(this.#raf);
		this.#pending?.unload();
		this.#current?.unload();
		this.#pending = this.#current = null;
		this.#playing = false;
	}

	#setRate(r: number) {
		this.#rate = r;
		this.#current?.rate(r);
	}

	/** The position the audio is really at (between frames the state can be a frame behind). */
	#livePositionMs(): number {
		const s = this.#current?.seek();
		return typeof s === 'number' && Number.isFinite(s) ? s * 1000 : this.#positionMs;
	}

	#readPosition() {
		const s = this.#current?.seek();
		if (typeof s === 'number' && Number.isFinite(s)) this.#positionMs = s * 1000;
	}

	/** Position updates once per frame, and only while playing. */
	#loop() {
		cancelAnimationFrame(this.#raf);
		const tick = () => {
			if (!this.#playing) return;
			this.#readPosition();
			this.#raf = requestAnimationFrame(tick);
		};
		this.#raf = requestAnimationFrame(tick);
	}

	#urlFor(s: AudioSource): { url: string; format: string } {
		const useStream = this.#variant === 'stream' && s.urls.stream;
		return useStream
			? { url: s.urls.stream!, format: s.formats.stream }
			: { url: s.urls.original, format: s.formats.original };
	}

	/**
	 * Makes what should be heard (side, variant) what is heard, at the same position.
	 * `fallback`: retrying with the stream after the original was refused (keep saying so).
	 */
	async #switch(fallback = false) {
		const source = this.source;
		if (!source) return;
		const { url, format } = this.#urlFor(source);
		const volume = dbToVolume(this.appliedGainDb);
		if (this.#durationMs === 0 || source.durationMs) this.#durationMs = source.durationMs ?? 0;
		if (url === this.#currentUrl && this.#current) {
			this.#pending?.unload();
			this.#pending = null;
			this.#current.volume(volume);
			return;
		}
		const token = ++this.#token;
		const { Howl } = await loadHowler();
		if (token !== this.#token) return;
		this.#pending?.unload();
		this.#pending = null;
		if (!fallback) this.#error = null;
		this.#loading = true;
		const start = Math.min(this.#livePositionMs(), this.#durationMs || Infinity);
		const next = new Howl({ src: [url], format: [format], html5: true, preload: true, volume: 0 });
		next.once('load', () => {
			if (token !== this.#token) return;
			this.#loading = false;
			const d = next.duration() * 1000;
			if (d > 0) this.#durationMs = d;
		});
		next.once('loaderror', (_id, err) => {
			if (token !== this.#token) return;
			this.#loading = false;
			next.unload();
			if (this.#pending === next) this.#pending = null;
			if (url === source.urls.original && source.urls.stream && this.#variant === 'original') {
				// Originals can be restricted by the project; the stream is for every member.
				this.#error = 'Lossless playback is not available here; playing the data-saver stream.';
				this.#variant = 'stream';
				void this.#switch(true);
			} else {
				this.#error = `Could not load “${source.label}” (${String(err ?? 'network error')}).`;
			}
		});
		next.on('end', () => {
			if (this.#current !== next) return;
			this.#playing = false;
			this.#positionMs = this.#durationMs;
		});
		if (!this.#playing || !this.#current) {
			this.#current?.unload();
			this.#current = next;
			this.#currentUrl = url;
			next.volume(volume);
			next.rate(this.#rate);
			next.seek(seconds(start));
			this.#positionMs = start;
			if (this.#playing) next.play();
			return;
		}
		// Gapless: start muted at the live position, then crossfade on the first 'play'.
		this.#pending = next;
		this.#pendingUrl = url;
		next.rate(this.#rate);
		next.once('play', () => {
			if (this.#pending !== next) return;
			const old = this.#current;
			this.#pending = null;
			this.#current = next;
			this.#currentUrl = url;
			next.fade(0, dbToVolume(this.appliedGainDb), CROSSFADE_MS);
			if (old) {
				old.fade(old.volume(), 0, CROSSFADE_MS);
				setTimeout(() => old.unload(), CROSSFADE_MS * 3);
			}
		});
		next.once('load', () => {
			if (this.#pending !== next) return;
			// Where the old one is now, plus a frame for play() to start.
			next.seek(seconds(this.#livePositionMs() + 16));
			next.play();
		});
	}

	/** Paused mid-switch: make the target current at once (silent, so no crossfade needed). */
	#commitPending() {
		const next = this.#pending;
		if (!next) return;
		const pos = this.#livePositionMs();
		this.#pending = null;
		this.#current?.unload();
		this.#current = next;
		this.#currentUrl = this.#pendingUrl;
		next.off('play');
		next.pause();
		next.volume(dbToVolume(this.appliedGainDb));
		next.seek(seconds(pos));
	}
}

/** Howler reads a whole number equal to a sound id as that id: keep positions off integers. */
const seconds = (ms: number) => {
	const s = ms / 1000;
	return Number.isInteger(s) ? s + 1e-6 : s;
};
