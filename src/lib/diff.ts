export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Word-level diff (longest common subsequence) for showing what a brief revision changed.
 * Texts are short (a brief field), so the O(n·m) table is fine; very long inputs fall back to
 * "all removed, all added" to stay bounded.
 */
export function diffWords(before: string, after: string): DiffPart[] {
	const a = before.split(/(\s+)/).filter(Boolean);
	const b = after.split(/(\s+)/).filter(Boolean);
	if (a.length * b.length > 4_000_000) {
		return [
			...(before ? [{ kind: 'removed' as const, text: before }] : []),
			...(after ? [{ kind: 'added' as const, text: after }] : [])
		];
	}
	const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
		}
	}
	const out: DiffPart[] = [];
	const push = (kind: DiffPart['kind'], text: string) => {
		const last = out[out.length - 1];
		if (last?.kind === kind) last.text += text;
		else out.push({ kind, text });
	};
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			push('same', a[i]);
			i++;
			j++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('removed', a[i++]);
		else push('added', b[j++]);
	}
	while (i < a.length) push('removed', a[i++]);
	while (j < b.length) push('added', b[j++]);
	return out;
}
