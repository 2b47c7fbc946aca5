import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Opaque, unguessable ids (120 random bits), never sequential. */
export function newId(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export const nowIso = () => new Date().toISOString();
