// Waiting in real time for something a worker does in the background (an activity, its retry, a
// query's answer): the time-skipping server's clock stands still meanwhile.

/** Polls `get` every 100 ms until it returns a value; fails naming `what` after `tries`. */
export async function until<T>(
  what: string,
  get: () => Promise<T | undefined>,
  tries = 300,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await get();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never: ${what}`);
}
