import type { VersionDto } from '$lib/server/versions/version.dto';

export type Version = VersionDto;

const CODECS: Record<string, string> = { flac: 'FLAC', mp3: 'MP3' };

export function describeFormat(f: NonNullable<Version['format']>): string[] {
	const codec = CODECS[f.codec] ?? (f.sampleFormat === 'float' ? 'PCM float' : 'PCM');
	const channels =
		f.channels === 1 ? 'mono' : f.channels === 2 ? 'stereo' : `${f.channels} channels`;
	return [
		`${f.container.toUpperCase()} · ${codec}`,
		`${+(f.sampleRate / 1000).toFixed(1)} kHz`,
		f.bitDepth ? `${f.bitDepth}-bit${f.sampleFormat === 'float' ? ' float' : ''}` : null,
		channels,
		duration(f.durationMs)
	].filter((s): s is string => s !== null);
}

export function duration(ms: number): string {
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const db = (v: number | null, unit: string) =>
	v === null ? '—' : `${v.toFixed(1)} ${unit}`;

export function size(n: number): string {
	if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
	if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.ceil(n / 1024)} KB`;
}

/** Stream when it exists (small, plays everywhere), else the original. */
export const playbackUrl = (v: Version) =>
	`/api/v1/versions/${v.id}/audio?variant=${v.stream.status === 'ready' ? 'stream' : 'original'}`;
