/**
 * Long read-only computations are written as generators that yield between pieces of work (an
 * indicator each). Run to the end, they are plain synchronous functions (CLI, reports); run in
 * turns, they give the event loop back after each piece, so the one process that serves the app
 * answers other requests (opening the enterprise list) while HQ's dashboard is being computed,
 * instead of after it. Never run in turns inside a transaction.
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runInTurns<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await nextTurn();
  }
}
