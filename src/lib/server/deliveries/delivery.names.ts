/**
 * What a delivery's file names and folders say: the instrument group, whether a name is a
 * placeholder a DAW made up ("Audio 1"), and whether a file is the rough mix. Pure functions.
 */

export const GROUPS = [
	{ key: 'vocals', label: 'Vocals' },
	{ key: 'drums', label: 'Drums' },
	{ key: 'percussion', label: 'Percussion' },
	{ key: 'bass', label: 'Bass' },
	{ key: 'guitars', label: 'Guitars' },
	{ key: 'keys', label: 'Keys' },
	{ key: 'synths', label: 'Synths' },
	{ key: 'strings', label: 'Strings' },
	{ key: 'brass', label: 'Brass & winds' },
	{ key: 'fx', label: 'FX' },
	{ key: 'other', label: 'Other' },
	{ key: 'rough', label: 'Rough mix' }
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

/** In priority order: "Bass Drum" is drums, "Bass Guitar" is bass, "Synth Bass" is bass. */
const GROUP_WORDS: [GroupKey, RegExp][] = [
	[
		'vocals',
		/\b(vox|vocals?|vocs?|lv|bvs?|bgvs?|backing ?vocals?|backings?|harmon(y|ies)|choir|adlibs?|ad libs?|doubles?|singers?|rap)\b/
	],
	[
		'drums',
		/\b(drums?|kick|kik|bd|snare|snr|sn|hats?|hi ?hats?|hh|toms?|overheads?|ohs?|rooms?|cymbals?|ride|crash|kit|loops?|beat)\b/
	],
	[
		'percussion',
		/\b(perc|percussion|shakers?|tamb|tambourine|congas?|bongos?|claps?|cowbell|timbales?|snaps?)\b/
	],
	['bass', /\b(bass|sub|808|bassline|db)\b/],
	[
		'guitars',
		/\b(gtrs?|guitars?|gt|acoustic|ac|electric|elec|strat|tele|dobro|banjo|mandolin|ukulele|uke)\b/
	],
	[
		'keys',
		/\b(keys?|piano|pno|rhodes|wurli|wurlitzer|organ|hammond|b3|clav|epiano|ep|mellotron|celesta)\b/
	],
	['synths', /\b(synths?|syn|pads?|arps?|plucks?|moog|juno|prophet|seq|sequence|leads?)\b/],
	['strings', /\b(strings?|str|violins?|vln|violas?|vla|cellos?|vc|orchestra|orch|quartet|harp)\b/],
	[
		'brass',
		/\b(brass|horns?|trumpets?|tpt|trombones?|tbn|sax|saxophone|winds?|woodwinds?|flutes?|clarinets?)\b/
	],
	[
		'fx',
		/\b(fx|sfx|efx|effects?|risers?|impacts?|sweeps?|noise|foley|whoosh|reverse|uplifters?|downlifters?|ambience|atmos|vinyl)\b/
	]
];

/** Lower-case words: separators, camelCase and letter/digit boundaries split ("LeadVox2" → "lead vox 2"). */
export function words(s: string): string {
	return s
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/([A-Za-z])(\d)/g, '$1 $2')
		.replace(/(\d)([A-Za-z])/g, '$1 $2')
		.replace(/[^A-Za-z0-9]+/g, ' ')
		.trim()
		.toLowerCase();
}

export interface PathParts {
	dirs: string[];
	/** The file name without its extension. */
	base: string;
	ext: string;
}

export function splitPath(path: string): PathParts {
	const segments = path.split('/');
	const name = segments.pop() ?? '';
	const dot = name.lastIndexOf('.');
	return dot > 0
		? { dirs: segments, base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() }
		: { dirs: segments, base: name, ext: '' };
}

export function groupOfName(name: string): GroupKey | null {
	const w = words(name);
	for (const [key, re] of GROUP_WORDS) if (re.test(w)) return key;
	return null;
}

/** A stem's group: the deepest folder that names one, else the file name, else "other". */
export function groupOf(path: string): GroupKey {
	const { dirs, base } = splitPath(path);
	for (let i = dirs.length - 1; i >= 0; i--) {
		const g = groupOfName(dirs[i]);
		if (g) return g;
	}
	return groupOfName(base) ?? 'other';
}

export const groupLabel = (key: GroupKey): string =>
	GROUPS.find((g) => g.key === key)?.label ?? 'Other';

/** Names a DAW or a phone makes up, made only of these words and numbers. */
const GENERIC =
	/^(audio|track|trk|untitled|unnamed|no|name|new|recording|rec|bounce|bounced|final|finals|mix|stem|stems|export|exported|output|out|bus|take|tk|inst|instrument|midi|aux|sample|sound|file|channel|ch|voice|memo|region|clip|version|ver|v|master|mixdown|test|demo|copy|tmp|temp|[0-9]+|\s)+$/;
/** Words that mark a leftover: a test, an old take, a copy. */
const LEFTOVER = /\b(test|testing|old|unused|copy|tmp|temp|delete|trash|dont use|do not use)\b/;

export const isGenericName = (base: string): boolean => GENERIC.test(words(base) || ' ');
export const isLeftoverName = (base: string): boolean => LEFTOVER.test(words(base));

const titleWords = (s: string): string =>
	words(s)
		.split(' ')
		.filter(Boolean)
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join('_');

/** A clearer name for a generically named file: from its folder ("drums/Audio 3" → "Drums_3"). */
export function suggestName(path: string): string | null {
	const { dirs, base } = splitPath(path);
	const number = /(\d+)\D*$/.exec(base)?.[1];
	for (let i = dirs.length - 1; i >= 0; i--) {
		if (isGenericName(dirs[i]) || !words(dirs[i])) continue;
		const folder = titleWords(dirs[i]);
		return number ? `${folder}_${Number(number)}` : folder;
	}
	return null;
}

/**
 * How strongly a file's name says "rough mix": 3 = "rough" in its name, 2 = in a rough/mix/
 * reference folder, 1 = named reference/ref/mix/mixdown; 0 = no.
 */
export function roughMixScore(path: string): number {
	const { dirs, base } = splitPath(path);
	const b = words(base);
	if (/\brough\b/.test(b)) return 3;
	if (
		dirs.some((d) =>
			/^(rough|roughs|rough mix(es)?|mix|mixes|reference|references|ref|refs)$/.test(words(d))
		)
	)
		return 2;
	if (/\b(reference|ref)\b/.test(b)) return 1;
	if (/^(the |full |stereo |main |current )?(mix|mixdown)( v(ersion)? ?\d+| \d+)?$/.test(b))
		return 1;
	return 0;
}
