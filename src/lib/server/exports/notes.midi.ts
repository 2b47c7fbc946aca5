import { byTime, formatTime, oneLine, type ExportNote } from './notes.types';

/**
 * A Standard MIDI File with one marker (meta event 0x06) per note, which Pro Tools, Logic, Cubase,
 * Studio One and REAPER import onto their marker ruler. At 120 bpm a quarter note lasts 500 ms, so
 * with 500 ticks per quarter one tick is exactly one millisecond: marker times are exact.
 */
export const PPQ = 500;
export const TEMPO_US_PER_QUARTER = 500_000;
/** DAWs truncate long marker names anyway; keep them readable. */
const MAX_TEXT = 200;

/** Variable-length quantity, as SMF delta times are written. */
export function vlq(n: number): number[] {
	if (!Number.isInteger(n) || n < 0 || n > 0x0fffffff) throw new RangeError(`bad delta ${n}`);
	const out = [n & 0x7f];
	for (n >>= 7; n > 0; n >>= 7) out.unshift((n & 0x7f) | 0x80);
	return out;
}

/**
 * Marker text in plain ASCII: several DAWs read meta-event text as Latin-1 or ASCII, so accents
 * are folded ("é" → "e") and other characters become "?" rather than garbage.
 */
export function asciiText(s: string, max = MAX_TEXT): string {
	const folded = oneLine(s)
		.replace(/[‘’]/g, "'")
		.replace(/[“”]/g, '"')
		.replace(/[–—]/g, '-')
		.replace(/…/g, '...')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/gu, '?');
	return folded.length > max ? `${folded.slice(0, max - 3)}...` : folded;
}

const meta = (type: number, data: number[]) => [0xff, type, ...vlq(data.length), ...data];
const textBytes = (s: string) => [...Buffer.from(asciiText(s), 'latin1')];

export function markerText(n: ExportNote, index: number): string {
	const range = n.endMs !== null && n.endMs > n.atMs ? ` (to ${formatTime(n.endMs)})` : '';
	return `${index + 1}. ${n.author}: ${n.body}${range}`;
}

export function notesToMidi(notes: ExportNote[], opts: { title: string }): Uint8Array {
	const track: number[] = [
		0x00,
		...meta(0x03, textBytes(opts.title)),
		0x00,
		...meta(0x51, [
			(TEMPO_US_PER_QUARTER >> 16) & 0xff,
			(TEMPO_US_PER_QUARTER >> 8) & 0xff,
			TEMPO_US_PER_QUARTER & 0xff
		]),
		// 4/4, 24 MIDI clocks per click, 8 thirty-second notes per quarter.
		0x00,
		...meta(0x58, [4, 2, 24, 8])
	];
	let tick = 0;
	byTime(notes).forEach((n, i) => {
		const at = Math.max(0, Math.round(n.atMs));
		track.push(...vlq(at - tick), ...meta(0x06, textBytes(markerText(n, i))));
		tick = at;
	});
	track.push(0x00, ...meta(0x2f, []));
	const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
	const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
	// Format 1 with a single (conductor) track: where Pro Tools and Cubase look for markers.
	return Uint8Array.from([
		...ascii('MThd'),
		...u32(6),
		0x00,
		0x01,
		0x00,
		0x01,
		(PPQ >> 8) & 0xff,
		PPQ & 0xff,
		...ascii('MTrk'),
		...u32(track.length),
		...track
	]);
}
