// Bundles src/lib/audio (TypeScript) into one ESM file for plain node, with rolldown (ships
// with vite 8). Node 20 can't run .ts directly and the repo has no tsx/esbuild; bundling also
// exercises the worker-via-Function#toString path exactly as the Vite production build does.
import { build } from 'rolldown';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAudioLib(outFile = join(root, 'bench/.tmp/audio-lib.mjs')) {
	await build({
		input: join(root, 'src/lib/audio/index.ts'),
		platform: 'node',
		external: [/^node:/, '@wasm-audio-decoders/flac', 'mpg123-decoder'],
		logLevel: 'silent',
		output: { file: outFile, format: 'esm', codeSplitting: false }
	});
	return outFile;
}
