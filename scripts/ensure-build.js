// `npm start` builds the app when there is no build yet or the sources are newer than it.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const built = 'build/handler.js';
const inputs = [
	'src',
	'migrations',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];

function newest(p) {
	if (!fs.existsSync(p)) return 0;
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const stale = !fs.existsSync(built) || Math.max(...inputs.map(newest)) > fs.statSync(built).mtimeMs;
if (stale) {
	console.log('Building Bounce (first start or changed sources)…');
	execSync('npx vite build', { stdio: 'inherit' });
}
