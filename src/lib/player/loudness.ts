/**
 * Loudness matching for A/B: a louder mix sounds "better", so the louder of the two is turned down
 * by the difference of their integrated loudness (LUFS, measured on the server). Never turned up:
 * gain above unity could clip, and the browser cannot raise an <audio> element past 1.
 */

/** The most we turn anything down, so a silent or broken measurement cannot mute the other side. */
export const MAX_CUT_DB = 24;

export interface MatchGains {
	/** Gain in dB for side A and side B (each ≤ 0). */
	a: number;
	b: number;
}

/** Gains that level-match A and B; 0/0 when either loudness is unknown or matching is off. */
export function matchGains(
	lufsA: number | null | undefined,
	lufsB: number | null | undefined,
	enabled = true
): MatchGains {
	if (!enabled || !isLoudness(lufsA) || !isLoudness(lufsB)) return { a: 0, b: 0 };
	const diff = Math.min(MAX_CUT_DB, Math.abs(lufsA - lufsB));
	const d = round1(diff);
	if (d === 0) return { a: 0, b: 0 };
	return lufsA > lufsB ? { a: -d, b: 0 } : { a: 0, b: -d };
}

/** Linear volume (0..1) for a gain in dB; howler's `volume()` takes this. */
export function dbToVolume(db: number): number {
	if (!Number.isFinite(db)) return 0;
	return Math.min(1, Math.pow(10, db / 20));
}

/** "turned down by 2.3 dB" / "at its own level". */
export function describeGain(db: number): string {
	return db < 0 ? `turned down by ${Math.abs(db).toFixed(1)} dB` : 'at its own level';
}

const isLoudness = (v: number | null | undefined): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v > -70;

/** To a tenth of a dB: what people read and what the e2e asserts. */
const round1 = (v: number) => Math.round(v * 10) / 10;
