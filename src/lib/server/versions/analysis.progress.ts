/**
 * How far the analysis of each version in `processing` has got (0..1). Kept in memory only: it is
 * a hint for people watching, not a fact worth a write per percent. After a restart the job starts
 * again from 0, and so does its progress. A queued version has no entry (progress 0).
 */
const progress = new Map<string, number>();

export const analysisProgress = (versionId: string): number => progress.get(versionId) ?? 0;

export function setAnalysisProgress(versionId: string, fraction: number): void {
	progress.set(versionId, Math.min(1, Math.max(0, fraction)));
}

export function clearAnalysisProgress(versionId: string): void {
	progress.delete(versionId);
}
