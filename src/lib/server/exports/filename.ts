/**
 * A Content-Disposition for a download named after the song, safe for every browser and OS:
 * no path separators, quotes or control characters; an ASCII fallback plus the UTF-8 name
 * (RFC 6266 / RFC 5987).
 */
export function attachment(filename: string): string {
	const clean =
		filename
			.replace(/[\p{Cc}"\\/:*?<>|]+/gu, ' ')
			// No "." or ".." segments and no hidden-file names.
			.replace(/(^|\s)\.+(?=\s|$)/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/^\.+/, '')
			.slice(0, 180) || 'notes';
	const ascii = clean
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/gu, '_');
	const utf8 = encodeURIComponent(clean).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
