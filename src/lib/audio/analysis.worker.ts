import { Worker } from 'node:worker_threads';
import { dspKernel, type ChannelConfig, type ChannelResult } from './dsp.kernel.js';
import { pcmDecodeKernel } from './pcm-decode.kernel.js';
import { truePeakKernel } from './true-peak.kernel.js';
import type { Backend } from './backend.js';

/**
 * Worker parallelism without a worker FILE: the worker is `new Worker(source, { eval: true })`
 * where `source` embeds the self-contained kernels via Function#toString. This works the same
 * from the Vite/SvelteKit server bundle (no asset URL to resolve, no .ts file to load), from
 * vitest (kernels are already transpiled to JS) and from the plain-node bench. Caveat: code
 * coverage instrumentation that rewrites function bodies (istanbul) would break the
 * stringified kernels; V8 coverage is fine.
 *
 * The reader thread owns a SharedArrayBuffer ring of slots; each worker processes its share
 * of the channels straight from the shared bytes (decoding included) and acks the slot.
 */
function workerSource(): string {
	return `"use strict";
const { parentPort } = require('node:worker_threads');
const kernel = (${dspKernel.toString()})((${pcmDecodeKernel.toString()})(), (${truePeakKernel.toString()})());
let procs = [], chans = [], all = null, nch = 0, slotBytes = 0;
parentPort.on('message', (m) => {
	if (m.type === 'init') {
		all = new Uint8Array(m.sab);
		chans = m.channels;
		nch = m.totalChannels;
		slotBytes = m.slotBytes;
		procs = chans.map(() => kernel.createChannel(m.config));
	} else if (m.type === 'chunk') {
		const view = all.subarray(m.slot * slotBytes, (m.slot + 1) * slotBytes);
		for (let i = 0; i < chans.length; i++) procs[i].process(view, m.enc, chans[i], nch, m.planeStride, m.frames);
		parentPort.postMessage({ type: 'ack', slot: m.slot });
	} else if (m.type === 'end') {
		parentPort.postMessage({ type: 'result', results: procs.map((p) => p.finish()) });
	}
});`;
}

let cachedSource: string | null = null;

export function workerBackend(
	cfg: ChannelConfig,
	channels: number,
	threads: number,
	slotBytes: number,
	nSlots = 4
): Backend {
	const sab = new SharedArrayBuffer(slotBytes * nSlots);
	const slots = Array.from(
		{ length: nSlots },
		(_, i) => new Uint8Array(sab, i * slotBytes, slotBytes)
	);
	const pending = new Int32Array(nSlots);
	const free: number[] = slots.map((_, i) => i);
	let waiters: { resolve: (s: Uint8Array) => void; reject: (e: Error) => void }[] = [];
	let failure: Error | null = null;
	const results: ChannelResult[] = new Array(channels);
	let outstanding = threads;
	let done: { resolve: (r: ChannelResult[]) => void; reject: (e: Error) => void } | null = null;

	const fail = (e: Error): void => {
		if (failure) return;
		failure = e;
		for (const w of waiters) w.reject(e);
		waiters = [];
		done?.reject(e);
		dispose();
	};

	cachedSource ??= workerSource();
	const workers = Array.from({ length: threads }, (_, w) => {
		const mine: number[] = [];
		for (let c = w; c < channels; c += threads) mine.push(c);
		const worker = new Worker(cachedSource as string, { eval: true });
		worker.on('error', fail);
		worker.on('exit', (code) => {
			if (outstanding > 0 && !failure) fail(new Error(`analysis worker exited with code ${code}`));
		});
		worker.on(
			'message',
			(m: { type: 'ack'; slot: number } | { type: 'result'; results: ChannelResult[] }) => {
				if (m.type === 'ack') {
					if (--pending[m.slot] === 0) {
						const waiter = waiters.shift();
						if (waiter) {
							pending[m.slot] = -1; // handed straight over
							waiter.resolve(slots[m.slot]);
						} else free.push(m.slot);
					}
				} else {
					m.results.forEach((r, i) => (results[mine[i]] = r));
					if (--outstanding === 0) done?.resolve(results);
				}
			}
		);
		worker.postMessage({
			type: 'init',
			sab,
			slotBytes,
			channels: mine,
			totalChannels: channels,
			config: cfg
		});
		return worker;
	});

	function dispose(): void {
		for (const w of workers) void w.terminate();
	}

	return {
		slotBytes,
		acquire() {
			if (failure) return Promise.reject(failure);
			const i = free.shift();
			if (i !== undefined) return Promise.resolve(slots[i]);
			return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
		},
		submit(slot, enc, planeStride, frames) {
			const i = (slot.byteOffset / slotBytes) | 0;
			pending[i] = workers.length;
			for (const w of workers) w.postMessage({ type: 'chunk', slot: i, enc, planeStride, frames });
		},
		finish() {
			if (failure) return Promise.reject(failure);
			return new Promise<ChannelResult[]>((resolve, reject) => {
				done = {
					resolve: (r) => {
						dispose();
						resolve(r);
					},
					reject
				};
				for (const w of workers) w.postMessage({ type: 'end' });
			});
		},
		dispose
	};
}
