import { execSync } from 'node:child_process';

/** Integration tests drive the real built server: build it once per run (skipped when fresh). */
export default function setup() {
	execSync('node scripts/ensure-build.js', { stdio: 'inherit' });
}
