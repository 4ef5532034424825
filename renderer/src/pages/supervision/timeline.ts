import type { Problem, ProblemNote } from '../../../../api/entities';
import type { SupervisionNote } from '../../../../api/supervision-contract';

export type TimelineEntry =
  | { kind: 'office'; note: ProblemNote; answers: boolean }
  | { kind: 'hq'; note: SupervisionNote; first: boolean };

/**
 * A problem's progress notes and HQ's notes in one timeline, in the order they were written (HQ's
 * as this installation got them); the office's answers to an HQ note follow that note, so that
 * HQ reads its note and the answer together, whatever the two machines' clocks said.
 */
export function problemTimeline(p: Pick<Problem, 'notes' | 'supervisionNotes'>): TimelineEntry[] {
  const hqNotes = [...(p.supervisionNotes ?? [])].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const answerOf = new Map<string, string>();
  for (const s of hqNotes) for (const id of s.answeredBy) if (!answerOf.has(id)) answerOf.set(id, s.id);
  const at = (e: TimelineEntry) => (e.kind === 'hq' ? e.note.receivedAt : e.note.createdAt);
  let previous: SupervisionNote['kind'] | null = null;
  const hqEntries: TimelineEntry[] = hqNotes.map((note) => {
    const first = note.kind === 'supervise' && previous !== 'supervise';
    previous = note.kind;
    return { kind: 'hq', note, first };
  });
  const loose: TimelineEntry[] = p.notes.filter((n) => !answerOf.has(n.id)).map((note) => ({ kind: 'office', note, answers: false }));
  const merged = [...hqEntries, ...loose].sort((a, b) => at(a).localeCompare(at(b)));
  const out: TimelineEntry[] = [];
  for (const e of merged) {
    out.push(e);
    if (e.kind !== 'hq') continue;
    for (const n of p.notes) if (answerOf.get(n.id) === e.note.id) out.push({ kind: 'office', note: n, answers: true });
  }
  return out;
}
