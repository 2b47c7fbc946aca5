import { AudioFormatError } from '$lib/audio';
import { AppError } from '../http/errors';

const ACCEPTED = 'send WAV, AIFF, FLAC or MP3';

/** Turns the audio library's header verdicts into messages a person can act on. */
export function toAppError(e: AudioFormatError): AppError {
	if (e.status === 415) {
		return new AppError(
			415,
			'unsupported_audio',
			`This file is not audio we take: ${ACCEPTED} (${e.message}).`
		);
	}
	return new AppError(
		422,
		'malformed_audio',
		`This file claims to be audio but its header is damaged (${e.message}). Export it again from your DAW and re-upload.`
	);
}

export const isAudioFormatError = (e: unknown): e is AudioFormatError =>
	e instanceof AudioFormatError;

export function tooLarge(maxBytes: number): AppError {
	const gib = maxBytes / 1024 ** 3;
	const limit =
		gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.max(1, Math.round(maxBytes / 1024 ** 2))} MiB`;
	return new AppError(
		413,
		'too_large',
		`This file is larger than the ${limit} upload limit. Send a shorter export or a FLAC.`
	);
}

/** A failure message a person can act on; internals go to the server log. */
export function describeFailure(e: unknown): string {
	if (isAudioFormatError(e)) return `We could not read this file: ${e.message}.`;
	console.error('analysis failed', e);
	return 'We could not analyse this file. Export it again and upload it as a new version.';
}
