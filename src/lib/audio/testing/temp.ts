import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory; call `cleanup()` in afterAll. */
export async function tempDir(
	prefix = 'bounce-audio-'
): Promise<{ path: string; file(name: string): string; cleanup(): Promise<void> }> {
	const path = await mkdtemp(join(tmpdir(), prefix));
	return {
		path,
		file: (name) => join(path, name),
		cleanup: () => rm(path, { recursive: true, force: true })
	};
}
