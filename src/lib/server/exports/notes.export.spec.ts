import { describe, expect, it } from 'vitest';
import { attachment } from './filename';
import { notesToCsv } from './notes.csv';
import { notesToAudacity, notesToReaper } from './notes.markers';
import { asciiText, notesToMidi, vlq } from './notes.midi';
import { formatTime, type ExportNote } from './notes.types';

const notes: ExportNote[] = [
	{
		atMs: 92_250,
		endMs: null,
		body: 'Vocal too quiet, "needs" +2 dB',
		author: 'Ana Artist',
		status: 'open',
		briefItem: 'Vocals upfront',
		replies: [{ author: 'Eli', body: 'On it\nwill fix' }]
	},
	{
		atMs: 1,
		endMs: 4_500,
		body: '=HYPERLINK("x") intro café — too long',
		author: 'Léa',
		status: 'resolved',
		briefItem: null
	},
	{
		atMs: 3_723_004,
		endMs: null,
		body: 'Outro fade',
		author: 'Lab',
		status: 'open',
		briefItem: null
	},
	{ atMs: 92_250, endMs: null, body: 'Same moment', author: 'Lab', status: 'open', briefItem: null }
];

/** A minimal Standard MIDI File reader, so the test checks the bytes a DAW would read. */
function parseSmf(bytes: Uint8Array) {
	const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const str = (at: number, n: number) => String.fromCharCode(...bytes.subarray(at, at + n));
	expect(str(0, 4)).toBe('MThd');
	expect(dv.getUint32(4)).toBe(6);
	const header = { format: dv.getUint16(8), tracks: dv.getUint16(10), division: dv.getUint16(12) };
	let pos = 14;
	const events: { tick: number; type: number; data: Uint8Array }[] = [];
	for (let t = 0; t < header.tracks; t++) {
		expect(str(pos, 4)).toBe('MTrk');
		const end = pos + 8 + dv.getUint32(pos + 4);
		pos += 8;
		let tick = 0;
		const readVlq = () => {
			let n = 0;
			for (;;) {
				const b = bytes[pos++];
				n = (n << 7) | (b & 0x7f);
				if (!(b & 0x80)) return n;
			}
		};
		while (pos < end) {
			tick += readVlq();
			const status = bytes[pos++];
			expect(status, 'only meta events are written').toBe(0xff);
			const type = bytes[pos++];
			const len = readVlq();
			events.push({ tick, type, data: bytes.subarray(pos, pos + len) });
			pos += len;
		}
		expect(pos).toBe(end);
		expect(events.at(-1)!.type).toBe(0x2f);
	}
	expect(pos).toBe(bytes.length);
	return { header, events };
}

describe('MIDI markers', () => {
	it('parses back: format 1, 500 PPQ at 120 bpm, one marker per note at its exact millisecond', () => {
		const { header, events } = parseSmf(notesToMidi(notes, { title: 'Night Drive v3 notes' }));
		expect(header).toEqual({ format: 1, tracks: 1, division: 500 });
		const tempo = events.find((e) => e.type === 0x51)!;
		const usPerQuarter = (tempo.data[0] << 16) | (tempo.data[1] << 8) | tempo.data[2];
		expect(usPerQuarter).toBe(500_000);
		expect(tempo.tick).toBe(0);
		// ms per tick = (µs per quarter / 1000) / PPQ = 1.
		const msPerTick = usPerQuarter / 1000 / header.division;
		expect(msPerTick).toBe(1);
		const text = (d: Uint8Array) => Buffer.from(d).toString('latin1');
		expect(text(events.find((e) => e.type === 0x03)!.data)).toBe('Night Drive v3 notes');
		const markers = events.filter((e) => e.type === 0x06);
		expect(markers.map((m) => m.tick * msPerTick)).toEqual([1, 92_250, 92_250, 3_723_004]);
		expect(markers.map((m) => text(m.data))).toEqual([
			'1. Lea: =HYPERLINK("x") intro cafe - too long (to 0:04.500)',
			'2. Ana Artist: Vocal too quiet, "needs" +2 dB',
			'3. Lab: Same moment',
			'4. Lab: Outro fade'
		]);
	});

	it('writes an empty but valid file when there are no notes', () => {
		const { events } = parseSmf(notesToMidi([], { title: 'Empty' }));
		expect(events.filter((e) => e.type === 0x06)).toHaveLength(0);
	});

	it('encodes delta times as variable-length quantities', () => {
		expect(vlq(0)).toEqual([0]);
		expect(vlq(0x7f)).toEqual([0x7f]);
		expect(vlq(0x80)).toEqual([0x81, 0x00]);
		expect(vlq(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f]);
		expect(() => vlq(-1)).toThrow();
	});

	it('keeps marker text ASCII and bounded', () => {
		expect(asciiText('Ça va 🎸\tok')).toBe('Ca va ? ok');
		expect(asciiText('x'.repeat(500))).toHaveLength(200);
	});
});

describe('CSV and marker lists', () => {
	it('CSV: BOM, header, timeline order, quoting, formula injection defused, replies', () => {
		const csv = notesToCsv(notes);
		expect(
			csv.startsWith(
				'\uFEFF#,Time,Start ms,End,End ms,Author,Status,Brief element,Note,Replies\r\n'
			)
		).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(5);
		expect(lines[1]).toBe(
			`1,0:00.001,1,0:04.500,4500,Léa,resolved,,"'=HYPERLINK(""x"") intro café — too long",`
		);
		expect(lines[2]).toBe(
			'2,1:32.250,92250,,,Ana Artist,open,Vocals upfront,"Vocal too quiet, ""needs"" +2 dB",Eli: On it will fix'
		);
		expect(lines[4]).toMatch(/^4,1:02:03\.004,3723004,/);
	});

	it('REAPER: markers for points, regions for ranges', () => {
		expect(notesToReaper(notes).split('\n')).toEqual([
			'#,Name,Start,End,Length',
			'R1,Léa: =HYPERLINK("x") intro café — too long,0:00.001,0:04.500,0:04.499'.replace(
				'Léa: =HYPERLINK("x") intro café — too long',
				'"Léa: =HYPERLINK(""x"") intro café — too long"'
			),
			'M1,"Ana Artist: Vocal too quiet, ""needs"" +2 dB",1:32.250,,',
			'M2,Lab: Same moment,1:32.250,,',
			'M3,Lab: Outro fade,1:02:03.004,,',
			''
		]);
	});

	it('Audacity: tab-separated seconds and label, one per line', () => {
		const lines = notesToAudacity(notes).trimEnd().split('\n');
		expect(lines[0]).toBe('0.001000\t4.500000\tLéa: =HYPERLINK("x") intro café — too long');
		expect(lines[1]).toBe('92.250000\t92.250000\tAna Artist: Vocal too quiet, "needs" +2 dB');
		expect(lines).toHaveLength(4);
	});

	it('formats times exactly', () => {
		expect(formatTime(0)).toBe('0:00.000');
		expect(formatTime(59_999)).toBe('0:59.999');
		expect(formatTime(3_600_000)).toBe('1:00:00.000');
	});
});

describe('download names', () => {
	it('are safe: no paths, quotes or control characters; UTF-8 kept in filename*', () => {
		expect(attachment('Song Title v3 notes.mid')).toBe(
			`attachment; filename="Song Title v3 notes.mid"; filename*=UTF-8''Song%20Title%20v3%20notes.mid`
		);
		expect(attachment('../../etc/"passwd"\r\n v1.csv')).toBe(
			`attachment; filename="etc passwd v1.csv"; filename*=UTF-8''etc%20passwd%20v1.csv`
		);
		expect(attachment('Café (live) v2 notes.csv')).toBe(
			`attachment; filename="Cafe (live) v2 notes.csv"; filename*=UTF-8''Caf%C3%A9%20%28live%29%20v2%20notes.csv`
		);
	});
});
