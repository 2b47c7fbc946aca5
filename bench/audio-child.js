// Runs one measurement in a fresh process so peak RSS belongs to that measurement alone.
// argv: <bundled lib> <mode: analyse|peaks> <file>
const [lib, mode, file] = process.argv.slice(2);
const { analyseFile, analysePeaks } = await import(lib);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
let out;
if (mode === 'peaks') {
	const p = await analysePeaks(file);
	out = { pixels: p.length };
} else {
	const r = await analyseFile(file);
	out = {
		loudness: r.loudness,
		hash: r.decodedSha256,
		pixels: r.peaks.length,
		frames: r.format.frames
	};
}
const seconds = (performance.now() - t0) / 1000;
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
	JSON.stringify({
		seconds,
		rssBeforeMB: rssBefore / 2 ** 20,
		maxRssMB: maxRss / 2 ** 20,
		rssGrowthMB: (maxRss - rssBefore) / 2 ** 20,
		...out
	})
);
