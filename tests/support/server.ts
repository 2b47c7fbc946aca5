import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	proc: ChildProcess;
	output: () => string;
	stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * Starts the real production server (node server.js over the build) on a free port with its own
 * data directory: a real SQLite file, real audio storage, real socket.io.
 */
export async function startServer(
	opts: { dataDir?: string; env?: Record<string, string> } = {}
): Promise<RunningServer> {
	const port = await freePort();
	const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bounce-test-'));
	const url = `http://localhost:${port}`;
	let out = '';
	const proc = spawn(process.execPath, ['server.js'], {
		cwd: path.resolve(import.meta.dirname, '../..'),
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`server exited early:\n${out}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		port,
		dataDir,
		proc,
		output: () => out,
		stop: (signal = 'SIGTERM') =>
			new Promise<void>((resolve) => {
				// A process killed by a signal has signalCode set and exitCode null.
				if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill(signal);
			})
	};
}
