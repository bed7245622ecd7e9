// `npm run record-histories` keeps chosen runs in test/histories for the replay test
// (test/workflow/replay.test.ts): today's workflow code must replay what older code recorded.
import { writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';

/** Writes the run's history as test/histories/<name>.binpb when recording; otherwise nothing. */
export async function keepHistory(
  name: string,
  handle: { fetchHistory(): Promise<temporal.api.history.v1.IHistory> },
): Promise<void> {
  if (!process.env['RECORD_HISTORIES']) return;
  const history = await handle.fetchHistory();
  writeFileSync(
    new URL(`../histories/${name}.binpb`, import.meta.url),
    temporal.api.history.v1.History.encode(history).finish(),
  );
}
