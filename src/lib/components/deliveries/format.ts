import type { DeliveryFileDto, Verdict } from './types';

/** Plain words for verdicts and file facts, shared by the delivery components. */
export const VERDICT_WORDS: Record<Verdict, { title: string; badge: string; tone: string }> = {
	pass: { title: 'Ready to mix', badge: 'Pass', tone: 'ok' },
	warn: { title: 'Usable, with warnings', badge: 'Warning', tone: 'warn' },
	fail: { title: 'Needs fixes before mixing', badge: 'Fail', tone: 'danger' }
};

export function duration(ms: number): string {
	const s = ms / 1000;
	const m = Math.floor(s / 60);
	return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}

export function bytes(n: number): string {
	if (n < 1024 ** 2) return `${Math.max(1, Math.round(n / 1024))} KB`;
	if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "24-bit · 48 kHz · stereo · 3:02.5" */
export function formatLine(f: DeliveryFileDto): string {
	const fmt = f.format;
	if (!fmt) return f.status === 'failed' ? 'Could not be read' : 'Checking…';
	const depth =
		fmt.container === 'mp3'
			? 'MP3'
			: `${fmt.bitDepth}-bit${fmt.sampleFormat === 'float' ? ' float' : ''}`;
	const ch = fmt.channels === 1 ? 'mono' : fmt.channels === 2 ? 'stereo' : `${fmt.channels} ch`;
	return [depth, `${+(fmt.sampleRate / 1000).toFixed(1)} kHz`, ch, duration(fmt.durationMs)].join(
		' · '
	);
}

export function lufs(f: DeliveryFileDto): string | null {
	const l = f.loudness?.integratedLufs;
	return l === null || l === undefined ? null : `${l.toFixed(1)} LUFS`;
}
