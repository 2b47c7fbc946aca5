import { z } from 'zod';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { parse } from '../http/api';
import {
	cleanFilename,
	createVersionFromFile,
	requireSongAccess
} from '../versions/version.service';

type Metadata = Record<string, string | null | undefined>;

/**
 * What a finished resumable upload becomes. `matches` picks the target from the upload's
 * metadata; `authorize` runs at creation (before any byte is kept) and returns the metadata
 * to store; `finish` turns the complete file into the domain object (the file is moved away
 * or deleted by the caller).
 */
export interface UploadTarget {
	matches(metadata: Metadata): boolean;
	authorize(db: Db, user: User, metadata: Metadata): Promise<Record<string, string>>;
	finish(
		db: Db,
		user: User,
		file: { tempPath: string; sizeBytes: number; sha256: string; metadata: Metadata }
	): Promise<{ headers: Record<string, string> }>;
}

const songMetadata = z.object({
	songId: z.string().min(1, 'metadata songId is required.').max(64),
	filename: z.string().max(1000).nullish(),
	notes: z.string().max(5_000, 'Change notes are at most 5000 characters.').nullish()
});

/** A mix version of a song (metadata `songId`, `filename`, `notes`). */
export const songUploadTarget: UploadTarget = {
	matches: (m) => typeof m.songId === 'string',
	async authorize(db, user, metadata) {
		const m = parse(songMetadata, metadata);
		await requireSongAccess(db, user, m.songId, 'uploadVersion');
		return {
			songId: m.songId,
			filename: cleanFilename(m.filename ?? metadata.name),
			notes: m.notes ?? ''
		};
	},
	async finish(db, user, file) {
		const m = parse(songMetadata, file.metadata);
		const version = await createVersionFromFile(db, user, m.songId, {
			tempPath: file.tempPath,
			sizeBytes: file.sizeBytes,
			sha256: file.sha256,
			filename: cleanFilename(m.filename),
			notes: m.notes ?? ''
		});
		return { headers: { 'Bounce-Version-Id': version.id } };
	}
};
