/** Stroke icons drawn on a 24-unit grid: no emoji, so they render the same on every system. */
export const ICON_PATHS = {
	brief: 'M7 3h7l4 4v14H7zM14 3v4h4M10 12h5M10 16h5',
	headphones: 'M4 15v-3a8 8 0 0 1 16 0v3M4 15h3v5H4zM17 15h3v5h-3z',
	upload: 'M12 16V4M7 9l5-5 5 5M5 20h14',
	note: 'M4 5h16v11H9l-5 4z',
	check: 'M5 12.5l4.5 4.5L19 7.5',
	// A decision may be a request for changes: a flag, not a check mark, reads right for both.
	flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
	people:
		'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2 .8 3 3 3 6',
	box: 'M3 7.5L12 3l9 4.5v9L12 21l-9-4.5zM3 7.5L12 12l9-4.5M12 12v9',
	dot: 'M12 11.5v1'
} as const;
export type IconName = keyof typeof ICON_PATHS;
