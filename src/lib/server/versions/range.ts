/**
 * HTTP Range for one representation of `size` bytes (RFC 9110 §14). Only the `bytes` unit;
 * a header we cannot parse is ignored (a full 200), as the RFC allows. Several ranges are
 * answered with the first satisfiable one (a 206 the client can continue from), which spares
 * us multipart/byteranges that no audio element ever asks for.
 */
export type RangeResult =
	{ kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null, size: number): RangeResult {
	if (!header) return { kind: 'full' };
	const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
	if (!m) return { kind: 'full' };
	const specs = m[1].split(',').map((s) => s.trim());
	let first: { start: number; end: number } | null = null;
	for (const spec of specs) {
		if (spec === '') continue; // tolerated: "bytes=0-1, ,5-6"
		const p = SPEC.exec(spec);
		if (!p || (p[1] === '' && p[2] === '')) return { kind: 'full' };
		let start: number;
		let end: number;
		if (p[1] === '') {
			// suffix-range: the last N bytes; "-0" selects nothing
			const n = Number(p[2]);
			if (!Number.isSafeInteger(n)) return { kind: 'full' };
			if (n === 0) continue;
			start = Math.max(0, size - n);
			end = size - 1;
		} else {
			start = Number(p[1]);
			end = p[2] === '' ? Infinity : Number(p[2]);
			if (!Number.isSafeInteger(start) || (p[2] !== '' && !Number.isSafeInteger(end))) {
				return { kind: 'full' };
			}
			if (end < start) return { kind: 'full' }; // invalid range-spec: ignore the header
			if (start >= size) continue;
			end = Math.min(end, size - 1);
		}
		if (size === 0 || start > end) continue;
		first ??= { start, end };
	}
	return first ? { kind: 'partial', ...first } : { kind: 'unsatisfiable' };
}
