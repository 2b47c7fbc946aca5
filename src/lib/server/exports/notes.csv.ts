import { byTime, formatTime, oneLine, type ExportNote } from './notes.types';

/** RFC 4180 quoting, with spreadsheet formula injection defused (OWASP: prefix a quote). */
function cell(value: string | number | null, text = true): string {
	if (value === null) return '';
	let s = String(value);
	if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A version's notes as CSV (UTF-8 with a BOM so spreadsheet apps read accents right, CRLF rows),
 * in timeline order, with times both readable and in milliseconds.
 */
export function notesToCsv(notes: ExportNote[]): string {
	const header = [
		'#',
		'Time',
		'Start ms',
		'End',
		'End ms',
		'Author',
		'Status',
		'Brief element',
		'Note',
		'Replies'
	];
	const rows = byTime(notes).map((n, i) =>
		[
			cell(i + 1, false),
			cell(formatTime(n.atMs), false),
			cell(n.atMs, false),
			cell(n.endMs === null ? null : formatTime(n.endMs), false),
			cell(n.endMs, false),
			cell(n.author),
			cell(n.status),
			cell(n.briefItem),
			cell(n.body),
			cell((n.replies ?? []).map((r) => `${r.author}: ${oneLine(r.body)}`).join(' | ') || null)
		].join(',')
	);
	return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
