import { peakColumns, type Peaks } from '$lib/player/peaks';

/**
 * Canvas drawing for the waveform. The waveform itself is drawn once per size, zoom and page into
 * two offscreen layers (unplayed and played colour); a frame is then two blits, a clip and a few
 * lines, so playback stays at 60 fps whatever the song's length.
 */

export interface Palette {
	wave: string;
	played: string;
	accent: string;
	text: string;
	note: string;
	selection: string;
}

export function readPalette(el: Element): Palette {
	const css = getComputedStyle(el);
	const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
	return {
		wave: v('--muted', '#5b6472'),
		played: v('--accent', '#4f46e5'),
		accent: v('--accent', '#4f46e5'),
		text: v('--text', '#16181d'),
		note: v('--warn', '#a86400'),
		selection: v('--accent', '#4f46e5')
	};
}

export interface Layers {
	base: HTMLCanvasElement;
	played: HTMLCanvasElement;
}

export interface NoteMark {
	atMs: number;
	endMs: number | null;
}

/** Offscreen layers for `[startMs, endMs)` at device resolution (`w`×`h` device pixels). */
export function renderLayers(
	peaks: Peaks | null,
	w: number,
	h: number,
	startMs: number,
	endMs: number,
	palette: Palette,
	notes: readonly NoteMark[] = []
): Layers {
	const cols = peaks ? peakColumns(peaks, w, startMs, endMs) : new Float32Array(w * 2);
	const make = (color: string, alpha: number) => {
		const c = document.createElement('canvas');
		c.width = w;
		c.height = h;
		const ctx = c.getContext('2d')!;
		if (notes.length) drawNoteShading(ctx, notes, w, h, startMs, endMs, palette.note);
		ctx.globalAlpha = alpha;
		ctx.fillStyle = color;
		const mid = h / 2;
		for (let x = 0; x < w; x++) {
			const hi = cols[x * 2 + 1];
			const lo = cols[x * 2];
			const top = Math.floor(mid - hi * mid);
			const bottom = Math.ceil(mid - lo * mid);
			ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
		}
		return c;
	};
	return { base: make(palette.wave, 0.55), played: make(palette.played, 1) };
}

function drawNoteShading(
	ctx: CanvasRenderingContext2D,
	notes: readonly NoteMark[],
	w: number,
	h: number,
	startMs: number,
	endMs: number,
	color: string
) {
	// Ranges as a band along the bottom and points as ticks from the top: a thousand notes stay
	// legible, and the waveform stays visible. The open note is highlighted per frame instead.
	const span = endMs - startMs;
	const band = Math.max(3, Math.round(h / 28));
	ctx.fillStyle = color;
	for (const n of notes) {
		const end = n.endMs ?? n.atMs;
		if (end < startMs || n.atMs > endMs) continue;
		const x0 = ((n.atMs - startMs) / span) * w;
		if (n.endMs != null && n.endMs > n.atMs) {
			ctx.globalAlpha = 0.35;
			ctx.fillRect(x0, h - band, Math.max(1, ((end - startMs) / span) * w - x0), band);
		}
		ctx.globalAlpha = 0.8;
		ctx.fillRect(Math.round(x0), 0, 1, band * 3);
	}
	ctx.globalAlpha = 1;
}

export interface FrameOverlay {
	positionMs: number;
	selection: { startMs: number; endMs: number | null } | null;
	/** The open note, shaded over the whole height. */
	highlight: { atMs: number; endMs: number | null } | null;
	listeners: readonly { positionMs: number }[];
}

/** One frame: the layers with the played part in colour, the selection, listeners, the playhead. */
export function drawFrame(
	ctx: CanvasRenderingContext2D,
	layers: Layers,
	startMs: number,
	endMs: number,
	o: FrameOverlay,
	palette: Palette,
	dpr: number
) {
	const { width: w, height: h } = ctx.canvas;
	const span = Math.max(1, endMs - startMs);
	const xOf = (ms: number) => ((ms - startMs) / span) * w;
	const px = Math.max(0, Math.min(w, xOf(o.positionMs)));
	ctx.clearRect(0, 0, w, h);
	ctx.drawImage(layers.base, 0, 0);
	if (px > 0) ctx.drawImage(layers.played, 0, 0, px, h, 0, 0, px, h);
	if (o.highlight) {
		const a = xOf(o.highlight.atMs);
		const b = o.highlight.endMs == null ? a : xOf(o.highlight.endMs);
		ctx.fillStyle = palette.note;
		ctx.globalAlpha = 0.16;
		if (b > a) ctx.fillRect(a, 0, b - a, h);
		ctx.globalAlpha = 1;
		ctx.fillRect(Math.round(a), 0, dpr, h);
		if (b > a) ctx.fillRect(Math.round(b), 0, dpr, h);
	}
	if (o.selection) {
		const a = xOf(o.selection.startMs);
		const b = o.selection.endMs == null ? px : xOf(o.selection.endMs);
		ctx.globalAlpha = 0.18;
		ctx.fillStyle = palette.selection;
		ctx.fillRect(Math.min(a, b), 0, Math.max(2 * dpr, Math.abs(b - a)), h);
		ctx.globalAlpha = 1;
		ctx.fillRect(Math.round(a), 0, dpr, h);
	}
	ctx.fillStyle = palette.text;
	ctx.globalAlpha = 0.45;
	for (const l of o.listeners) {
		const x = xOf(l.positionMs);
		if (x >= 0 && x <= w) ctx.fillRect(Math.round(x), 0, dpr, h);
	}
	ctx.globalAlpha = 1;
	if (o.positionMs >= startMs && o.positionMs <= endMs) {
		ctx.fillStyle = palette.accent;
		ctx.fillRect(Math.round(px - dpr), 0, 2 * dpr, h);
	}
}
