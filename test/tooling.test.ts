// The test tooling itself: the Java time-skipping test server that setup fetched from Maven
// Central, and the Temporal CLI dev server that setup built with go install.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  TypedSearchAttributes,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { startTestDevServer } from './support/dev-server.ts';
import { createTimeSkippingEnv } from './support/temporal-env.ts';

const DutyState = defineSearchAttributeKey('DutyState', SearchAttributeType.KEYWORD);
const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  it('connects, skips a day in moments of wall time, and knows our search attributes', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const info = await env.connection.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeDefined();
      expect(env.supportsTimeSkipping).toBe(true);

      const before = await env.currentTimeMs();
      const wallStart = Date.now();
      await env.sleep('1 day');
      const after = await env.currentTimeMs();
      expect(after - before).toBeGreaterThanOrEqual(DAY_MS);
      expect(Date.now() - wallStart).toBeLessThan(10_000);

      // Registered by createTimeSkippingEnv; unregistered, the start would be INVALID_ARGUMENT.
      const handle = await env.client.workflow.start('nonexistent', {
        taskQueue: 'tooling-no-worker',
        workflowId: 'tooling-search-attributes',
        typedSearchAttributes: new TypedSearchAttributes([{ key: DutyState, value: 'OPEN' }]),
      });
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(DutyState)).toBe('OPEN');
    } finally {
      await env.teardown();
    }
  });
});

describe('dev server', () => {
  it('starts headless, answers a workflow list, and stops', async () => {
    const server = await startTestDevServer();
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        const client = new Client({ connection });
        const ids: string[] = [];
        for await (const wf of client.workflow.list()) ids.push(wf.workflowId);
        expect(ids).toEqual([]);
      } finally {
        await connection.close();
      }
      expect(server.uiUrl).toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it('keeps workflows across a restart on the same SQLite file', async () => {
    const first = await startTestDevServer({ keepDbFile: true });
    const { dbFile } = first;
    try {
      let connection = await Connection.connect({ address: first.address });
      try {
        // No worker polls this task queue: the workflow just stays running.
        await new Client({ connection }).workflow.start('nonexistent', {
          taskQueue: 'tooling-no-worker',
          workflowId: 'tooling-survives-restart',
        });
      } finally {
        await connection.close();
        await first.stop();
      }

      const second = await startTestDevServer({ dbFile });
      try {
        connection = await Connection.connect({ address: second.address });
        try {
          const described = await new Client({ connection }).workflow
            .getHandle('tooling-survives-restart')
            .describe();
          expect(described.type).toBe('nonexistent');
          expect(described.status.name).toBe('RUNNING');
        } finally {
          await connection.close();
        }
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dirname(dbFile), { recursive: true, force: true });
    }
  });
});
