// Parses the phrases it is sent, off the test's thread: a parse that never ends (catastrophic
// regex backtracking) leaves the test free to notice, say which input it was and stop it.
import { parentPort } from 'node:worker_threads';
import { parseDuePhrase } from '../../domain/due-phrase.ts';

parentPort?.on('message', (text: string) => {
  const result = parseDuePhrase(text, { year: 2023 });
  parentPort?.postMessage(result.ok ? 'ok' : result.error.length > 0 ? 'error' : 'empty error');
});
