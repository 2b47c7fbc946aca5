import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for howler's Howl: records calls, fires events when the test says so. */
class FakeHowl {
	static all: FakeHowl[] = [];
	src: string;
	vol: number;
	pos = 0;
	playing = false;
	unloaded = false;
	fades: [number, number, number][] = [];
	handlers = new Map<string, ((...a: unknown[]) => void)[]>();
	constructor(o: { src: string[]; volume: number }) {
		this.src = o.src[0];
		this.vol = o.volume;
		FakeHowl.all.push(this);
	}
	on(e: string, fn: (...a: unknown[]) => void) {
		this.handlers.set(e, [...(this.handlers.get(e) ?? []), fn]);
		return this;
	}
	once(e: string, fn: (...a: unknown[]) => void) {
		const wrap = (...a: unknown[]) => {
			this.off(e, wrap);
			fn(...a);
		};
		return this.on(e, wrap);
	}
	off(e: string, fn?: (...a: unknown[]) => void) {
		this.handlers.set(e, fn ? (this.handlers.get(e) ?? []).filter((f) => f !== fn) : []);
		return this;
	}
	emit(e: string, ...a: unknown[]) {
		for (const fn of this.handlers.get(e) ?? []) fn(...a);
	}
	volume(v?: number) {
		if (v === undefined) return this.vol;
		this.vol = v;
		return this;
	}
	seek(s?: number) {
		if (s === undefined) return this.pos;
		this.pos = s;
		return this;
	}
	play() {
		this.playing = true;
		return 1;
	}
	pause() {
		this.playing = false;
		return this;
	}
	rate() {
		return this;
	}
	fade(from: number, to: number, ms: number) {
		this.fades.push([from, to, ms]);
		this.vol = to;
		return this;
	}
	duration() {
		return 30;
	}
	state() {
		return 'loaded';
	}
	unload() {
		this.unloaded = true;
	}
}

vi.mock('howler', () => ({ Howl: FakeHowl }));
vi.stubGlobal('requestAnimationFrame', () => 0);
vi.stubGlobal('cancelAnimationFrame', () => {});

const { Player } = await import('./player.svelte');

const source = (id: string, lufs: number | null) => ({
	key: `version:${id}`,
	label: id,
	urls: { original: `/a/${id}`, stream: `/s/${id}` },
	formats: { original: 'wav', stream: 'mp3' },
	lufs,
	durationMs: 30_000
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Player', () => {
	beforeEach(() => (FakeHowl.all = []));

	it('switches versions while playing without a gap: the target starts muted, then crossfades', async () => {
		const p = new Player();
		p.setPrimary(source('v1', -9));
		await settle();
		const v1 = FakeHowl.all[0];
		p.play();
		v1.pos = 12.5;
		p.setPrimary(source('v2', -12));
		await settle();
		const v2 = FakeHowl.all[1];
		expect(v2.src).toBe('/a/v2');
		expect(v2.vol).toBe(0);
		v1.pos = 12.6;
		v2.emit('load');
		expect(v2.playing).toBe(true);
		expect(v2.pos).toBeCloseTo(12.616, 3); // the live position plus a frame
		expect(v1.unloaded).toBe(false); // still heard until the target plays
		v2.emit('play');
		expect(v2.fades.at(-1)).toEqual([0, 1, 30]);
		expect(v1.fades.at(-1)?.[1]).toBe(0);
	});

	it('switches while paused by seeking the new one to the same spot', async () => {
		const p = new Player();
		p.setPrimary(source('v1', -9), 22_000);
		await settle();
		expect(FakeHowl.all[0].pos).toBeCloseTo(22);
		p.setPrimary(source('v2', -9));
		await settle();
		expect(FakeHowl.all[0].unloaded).toBe(true);
		expect(FakeHowl.all[1].pos).toBeCloseTo(22);
		expect(p.positionMs).toBeCloseTo(22_000, 1);
	});

	it('adds up quick nudges while paused, even when the audio has not applied the seek yet', async () => {
		const p = new Player();
		p.setPrimary(source('v1', -9));
		await settle();
		const v1 = FakeHowl.all[0];
		// Howler queues a seek on audio that is still loading: reading it back gives the old spot.
		v1.seek = ((s?: number) => (s === undefined ? 0 : v1)) as FakeHowl['seek'];
		p.nudge(1000);
		p.nudge(1000);
		p.nudge(1000);
		expect(p.positionMs).toBe(3000);
	});

	it('loudness-matches A/B: the louder side is turned down, and matching can be switched off', async () => {
		const p = new Player();
		p.setPrimary(source('v2', -12));
		p.setCompare(source('v1', -9.5));
		await settle();
		expect(p.appliedGainDb).toBe(0);
		p.setSide('b');
		await settle();
		expect(p.appliedGainDb).toBe(-2.5);
		const b = FakeHowl.all.at(-1)!;
		expect(b.vol).toBeCloseTo(Math.pow(10, -2.5 / 20), 5);
		p.setMatchLoudness(false);
		expect(p.appliedGainDb).toBe(0);
		expect(b.vol).toBe(1);
		p.setCompare(null);
		expect(p.side).toBe('a');
	});

	it('keeps a play pressed before the audio exists', async () => {
		const p = new Player();
		p.setPrimary(source('v1', null));
		p.play();
		await settle();
		expect(FakeHowl.all[0].playing).toBe(true);
	});

	it('falls back to the stream when the original is refused', async () => {
		const p = new Player();
		p.setPrimary(source('v1', null));
		await settle();
		FakeHowl.all[0].emit('loaderror', 1, 403);
		await settle();
		expect(p.variant).toBe('stream');
		expect(FakeHowl.all[1].src).toBe('/s/v1');
		expect(p.error).toMatch(/data-saver/);
	});
});
