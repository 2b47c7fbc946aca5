import { byTime, formatTime, oneLine, type ExportNote } from './notes.types';

export type MarkerFormat = 'reaper' | 'audacity';

/** The marker's name: who and what, on one line. */
export const markerName = (n: ExportNote) => oneLine(`${n.author}: ${n.body}`);

const csv = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * REAPER's Region/Marker Manager list (Import… in its context menu): `#,Name,Start,End,Length`,
 * points as markers `M1…`, ranges as regions `R1…`, times as m:ss.mmm.
 */
export function notesToReaper(notes: ExportNote[]): string {
	let m = 0;
	let r = 0;
	const rows = byTime(notes).map((n) => {
		const name = csv(markerName(n));
		if (n.endMs !== null && n.endMs > n.atMs) {
			return `R${++r},${name},${formatTime(n.atMs)},${formatTime(n.endMs)},${formatTime(n.endMs - n.atMs)}`;
		}
		return `M${++m},${name},${formatTime(n.atMs)},,`;
	});
	return ['#,Name,Start,End,Length', ...rows].join('\n') + '\n';
}

/** Audacity's label track (File › Import › Labels): `start<TAB>end<TAB>label`, in seconds. */
export function notesToAudacity(notes: ExportNote[]): string {
	const sec = (ms: number) => (ms / 1000).toFixed(6);
	return byTime(notes)
		.map((n) => `${sec(n.atMs)}\t${sec(Math.max(n.atMs, n.endMs ?? n.atMs))}\t${markerName(n)}\n`)
		.join('');
}
