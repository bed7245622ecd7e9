// The OpenAPI document, generated from the same zod schemas the routes parse with and the
// answers are built to (api/responses.ts). Every operation lists every status it can answer:
// the test suite checks each answer it receives against this document (test/support/contract.ts),
// and test/fuzz/api.test.ts fails when a route of the app is missing from it.
import { z } from 'zod';
import {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  Submit,
  UrgeNow,
} from '../common/duty-schema.ts';
import {
  CloseYear,
  RecordAllocation,
  ReportDisbursement,
  RequestAdHocReport,
  StartCycle,
} from '../common/cycle-schema.ts';
import { Directory, DirectoryAgency, PlanDefinition, Slug } from '../common/plan-schema.ts';
import { Simulate } from '../common/simulation-schema.ts';
import { NotifyMode, OptOut } from './routes/notifications.ts';
import { SetSchedule } from './routes/schedules.ts';
import { MergeInto } from './routes/directory.ts';
import { CyclePreviewBody } from './routes/cycle-preview.ts';
import { DueSoonQuery, ListQuery, LockBody, LockQuery, MatrixQuery } from './routes/tracking.ts';
import { DUE_AT_PATTERN, DueAt, DutyListQuery, NewDuty } from './routes/duties.ts';
import { SetDutyTime } from './routes/plans.ts';
import * as R from './responses.ts';

type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema (2020-12, as OpenAPI 3.1 takes it). ISO date-times and dates say
 * their format beside their pattern, so a client's validator knows what they are.
 */
export const jsonSchema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const out = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { format?: string } } })._zod.def;
      if (def.format === 'datetime') ctx.jsonSchema.format = 'date-time';
      if (def.format === 'date') ctx.jsonSchema.format = 'date';
      // A refinement has no JSON Schema of its own: the new duty's year range as a pattern.
      if (ctx.zodSchema === DueAt) {
        ctx.jsonSchema.allOf = [...(ctx.jsonSchema.allOf ?? []), { pattern: DUE_AT_PATTERN }];
      }
    },
  }) as JsonSchema;
  delete out['$schema'];
  return out;
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: the message and `details` name each wrong field (also a body that is not JSON)',
  401: 'Missing or wrong API token (only when the service has API_TOKEN)',
  403: 'Refused: a write from another site (an Origin that is not this one), or a caller who may not',
  404: 'Not found: nothing of that kind has this id (an id of another kind included)',
  409: 'Conflict: already exists, still referenced, or refused by the state it is in',
  413: 'The body or file is larger than the API takes (1 MB of JSON or YAML, 5 MB of file)',
  415: 'The body is in an encoding or character set the API cannot read',
  429: 'Too soon: rate-limited; the message says when it is possible',
  500: 'Internal error (e.g. Temporal or the database unreachable); the cause goes to the log only',
};

const errorResponse = (status: number, description = STATUS_TEXT[status] ?? 'Refused') => ({
  description,
  content: { 'application/json': { schema: jsonSchema(R.ErrorBody, 'output') } },
});

interface Param {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** Path parameters: each kind of id with the shape the server takes. */
const PATH: Record<string, Param> = {
  duty: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'a duty workflow id, `duty:<plan>:<STT>:<period>`; any other id is 404',
    schema: { type: 'string', pattern: '^duty:', minLength: 6, maxLength: 300 },
  },
  cycle: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'a cycle workflow id, `cycle:<plan>:<year>`; any other id is 404',
    schema: { type: 'string', pattern: '^cycle:', minLength: 7, maxLength: 300 },
  },
  plan: {
    name: 'id',
    in: 'path',
    required: true,
    description: "a plan's id",
    schema: jsonSchema(Slug, 'input'),
  },
  planId: {
    name: 'planId',
    in: 'path',
    required: true,
    description: "a plan's id",
    schema: jsonSchema(Slug, 'input'),
  },
  ref: {
    name: 'ref',
    in: 'path',
    required: true,
    description: "a duty's STT in the plan, e.g. 3.1",
    schema: { type: 'string', minLength: 1, maxLength: 20 },
  },
  agency: {
    name: 'id',
    in: 'path',
    required: true,
    description: "an agency's id in the directory",
    schema: jsonSchema(Slug, 'input'),
  },
  locality: {
    name: 'id',
    in: 'path',
    required: true,
    description: "a locality's id in the directory",
    schema: jsonSchema(Slug, 'input'),
  },
  year: {
    name: 'year',
    in: 'path',
    required: true,
    description: 'a year from 2000 to 2100; another is 400',
    schema: { type: 'integer', minimum: 2000, maximum: 2100 },
  },
};

/** Query parameters from a zod object, each with its own schema. */
const queryParams = (s: z.ZodObject): Param[] =>
  Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));

const flagParam = (name: string, description: string): Param => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
});

type Content = Record<string, { schema?: JsonSchema }>;

interface OpSpec {
  summary: string;
  params?: Param[];
  /** A JSON body (required), or the content types it may come in. */
  body?: z.ZodType | { content: Content };
  /** The successful answers: a JSON schema, other content, or nothing (204). */
  ok: Record<number, { description: string; json?: z.ZodType; content?: Content }>;
  /** The refusals this operation gives beyond those every operation can give. */
  errors?: number[];
  /** The calendar feed and the document itself take no bearer token. */
  open?: boolean;
}

const WRITES = new Set(['post', 'put', 'delete', 'patch']);

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any 1–200 printable ASCII characters (e.g. a UUID): the same request sent again with the same key answers what the first answered (header Idempotency-Replayed: true) instead of doing it twice',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};

function operation(method: string, spec: OpSpec): object {
  const responses: Record<string, object> = {};
  for (const [status, r] of Object.entries(spec.ok)) {
    responses[status] = {
      description: r.description,
      ...(r.json
        ? { content: { 'application/json': { schema: jsonSchema(r.json, 'output') } } }
        : r.content
          ? { content: r.content }
          : {}),
    };
  }
  // Every request may carry a body the API reads before any route: unreadable (400), too large
  // (413), in an unknown encoding or character set (415). Writes from another site are 403.
  // What the routes reach (the database, Temporal) may be down: 500, the cause in the log only.
  const statuses = new Set([400, 413, 415, 500, ...(spec.errors ?? [])]);
  if (!spec.open) statuses.add(401);
  if (WRITES.has(method)) statuses.add(403);
  // A POST may carry an Idempotency-Key (api/idempotency.ts): a retry answers the first 2xx
  // again; the key still in use is 409, the key reused for another request 422.
  const idempotent = method === 'post' && !spec.open;
  if (idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  for (const status of [...statuses].sort()) responses[String(status)] = errorResponse(status);
  const body = spec.body
    ? {
        requestBody: {
          required: true,
          content:
            spec.body instanceof z.ZodType
              ? { 'application/json': { schema: jsonSchema(spec.body, 'input') } }
              : spec.body.content,
        },
      }
    : {};
  return {
    summary: spec.summary,
    ...(spec.open ? { security: [] } : {}),
    ...(spec.params?.length || idempotent
      ? { parameters: [...(spec.params ?? []), ...(idempotent ? [IDEMPOTENCY_KEY] : [])] }
      : {}),
    ...body,
    responses,
  };
}

const tableContent = (json: z.ZodType): Content => ({
  'application/json': { schema: jsonSchema(json, 'output') },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: { type: 'string', format: 'binary' },
  },
  'text/csv': { schema: { type: 'string' } },
});

const ACTIONS: [string, z.ZodType, string, number[]][] = [
  ['acknowledge', Acknowledge, 'The lead agency acknowledges the duty', []],
  ['submit', Submit, 'The lead agency submits the product', []],
  ['contributions', Contribute, 'A coordinating agency sends its contribution', []],
  ['extension-requests', RequestExtension, 'The lead agency asks for more time', []],
  [
    'extension-decision',
    DecideExtension,
    'The standing agency grants or refuses the extension',
    [],
  ],
  ['review', Review, 'The standing agency accepts the product or returns it for revision', []],
  ['cancel', Cancel, 'The standing agency cancels the duty', []],
  ['reassign', ReassignLead, 'The standing agency gives the duty to another lead agency', []],
  [
    'urge',
    UrgeNow,
    'The standing agency urges the lead now: one message, at most one a day per duty (429 sooner)',
    [429],
  ],
];

const CYCLE_ACTIONS: [string, z.ZodType, string][] = [
  [
    'allocations',
    RecordAllocation,
    'Record capital allocated to a (sub-)project; opens its disbursement commitment (409 when the same decision is recorded again without replace)',
  ],
  [
    'disbursements',
    ReportDisbursement,
    "Report a month's disbursement against the commitment (409 when the month is reported again without replace)",
  ],
  ['close', CloseYear, 'Close the year'],
  [
    'ad-hoc-reports',
    RequestAdHocReport,
    'Ask agencies for an ad hoc report (each becomes a duty of the cycle); every agency must be in the directory',
  ],
];

const SECURITY_TEXT =
  'Scripts send `Authorization: Bearer <API_TOKEN>`. A service started with API_TOKEN (production) ' +
  'refuses every /api call without it (401), except the calendar feed and this document. In ' +
  'development, without API_TOKEN, the API takes no token (the empty alternative `{}` of the ' +
  'security requirement) and listens on 127.0.0.1 only. A path no operation describes answers ' +
  '404 in the error shape, unless what every request passes first refuses it: an unreadable, ' +
  'too large or unknown-encoding body (400, 413, 415), a missing token (401), another site (403).';

function readiness(summary: string): OpSpec {
  return {
    summary,
    open: true,
    ok: {
      200: {
        description: 'Healthy',
        json: z.object({
          status: z.enum(['ok', 'degraded']),
          temporal: z.object({ ok: z.boolean() }),
          storage: z.object({ ok: z.boolean() }),
        }),
      },
      503: {
        description: 'Degraded: Temporal or the storage is down',
        content: { 'application/json': {} },
      },
    },
  };
}

export function openApiDocument(): object {
  const ops: Record<string, Record<string, OpSpec>> = {
    '/health': { get: readiness('Temporal and storage health (the same as /ready)') },
    '/ready': {
      get: readiness('Ready to serve: Temporal and the database both answer (else 503)'),
    },
    '/api/openapi.json': {
      get: {
        summary: 'This document',
        open: true,
        ok: { 200: { description: 'The OpenAPI document', content: { 'application/json': {} } } },
      },
    },
    '/api/duties': {
      get: {
        summary: 'Duties from the read model, soonest deadline first',
        params: queryParams(DutyListQuery),
        ok: { 200: { description: 'The duties', json: R.DutyList } },
      },
      post: {
        summary:
          'Start a duty. Its plan, agencies (lead, coordinating, standing) and cycle, when given, must exist (400 naming each unknown one, nothing started); the same duty again is 409',
        body: NewDuty,
        ok: { 201: { description: 'Started; Location names it', json: R.Started } },
        errors: [409],
      },
    },
    '/api/duties/{id}': {
      get: {
        summary: "A duty's state, history and ladder",
        params: [PATH['duty']!],
        ok: { 200: { description: 'The duty', json: R.DutyStateBody } },
        errors: [404],
      },
    },
    '/api/duties/overdue': {
      get: {
        summary: 'Open duties past their deadline in force, the longest overdue first',
        params: queryParams(ListQuery),
        // A planId that names no plan is 404, as an id in a path is.
        errors: [404],
        ok: {
          200: {
            description: 'JSON, or with ?format=xlsx|csv a file (Vietnamese headers, dd/mm/yyyy)',
            content: tableContent(R.OverdueList),
          },
        },
      },
    },
    '/api/duties/due-soon': {
      get: {
        summary: 'Open duties due within the next `days` days, soonest first',
        params: queryParams(DueSoonQuery),
        // A planId that names no plan is 404, as an id in a path is.
        errors: [404],
        ok: {
          200: {
            description: 'JSON, or with ?format=xlsx|csv a file (Vietnamese headers, dd/mm/yyyy)',
            content: tableContent(R.DueSoonList),
          },
        },
      },
    },
    '/api/duties/{id}/ladder': {
      get: {
        summary: "A duty's messages: sent (to whom, when, held for a digest) and coming next",
        params: [{ ...PATH['duty']!, schema: { type: 'string', minLength: 1, maxLength: 300 } }],
        ok: { 200: { description: 'The ladder', json: R.Ladder } },
        errors: [404],
      },
    },
    '/api/duties/{id}/consolidation': {
      get: {
        summary:
          "The standing agency's consolidation draft of a report: the contributions and indicators received so far",
        params: [PATH['duty']!],
        ok: { 200: { description: 'The draft', json: R.Consolidation } },
        errors: [404],
      },
    },
    '/api/reports/matrix': {
      get: {
        summary:
          'Reporting matrix of a plan and period: each report × agency on time, late, missing or not yet due; rates per level and locality; other duties in four categories',
        params: queryParams(MatrixQuery),
        ok: {
          200: {
            description: 'JSON, or with ?format=xlsx|csv a file (Vietnamese headers, dd/mm/yyyy)',
            content: tableContent(R.MatrixBody),
          },
        },
        errors: [404],
      },
    },
    '/api/reports/lock': {
      get: {
        summary: "Whether a plan's period is locked, since when and by whom (null when open)",
        params: queryParams(LockQuery),
        ok: { 200: { description: 'The lock, or null', json: R.LockState } },
        errors: [404],
      },
      post: {
        summary:
          "Lock a plan's period: its matrix as it stands now is kept and answered from then on, whatever happens later; there is no unlocking (409 when already locked)",
        body: LockBody,
        ok: { 201: { description: 'Locked', json: R.Locked } },
        errors: [404, 409],
      },
    },
    '/api/agencies/{id}/notifications': {
      get: {
        summary: "An agency's choice: single messages or a daily digest",
        params: [PATH['agency']!],
        ok: { 200: { description: 'The choice', json: R.NotifyChoice } },
        errors: [404],
      },
      put: {
        summary: 'Choose single messages or a daily digest for an agency',
        params: [PATH['agency']!],
        body: NotifyMode,
        ok: { 200: { description: 'Saved', json: R.NotifyChoice } },
        errors: [404],
      },
    },
    '/api/notification-preferences': {
      put: {
        summary: "A person's opt-out of non-critical reminders",
        body: OptOut,
        ok: { 200: { description: 'Saved', json: R.OptOutSaved } },
      },
    },
    '/api/agencies/{id}/calendar-tokens': {
      post: {
        summary: "A new secret URL of the agency's calendar feed (shown once)",
        params: [PATH['agency']!],
        ok: { 201: { description: 'The URL', json: R.CalendarUrl } },
        errors: [404],
      },
      delete: {
        summary: "Revoke every URL of the agency's calendar feed",
        params: [PATH['agency']!],
        ok: { 200: { description: 'How many were revoked', json: R.Revoked } },
        errors: [404],
      },
    },
    '/api/agencies/{id}/calendar.ics': {
      get: {
        summary:
          "The agency's due dates as iCalendar (no bearer token: the secret token is the credential; a wrong or revoked one is 404)",
        open: true,
        params: [
          PATH['agency']!,
          {
            name: 'token',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 20, maxLength: 200 },
          },
        ],
        ok: {
          200: {
            description: 'The feed',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
        },
        errors: [404],
      },
    },
    '/api/cycles': {
      post: {
        summary:
          "Start a plan's annual cycle (one per plan and year): 404 for an unknown plan, 409 when it exists or cannot launch",
        body: StartCycle,
        ok: { 201: { description: 'Started; Location names it', json: R.Started } },
        errors: [404, 409],
      },
    },
    '/api/cycles/{id}': {
      get: {
        summary: "A cycle's state: counts per phase and status, allocations, the next deadlines",
        params: [PATH['cycle']!],
        ok: { 200: { description: 'The cycle', json: R.CycleView } },
        errors: [404],
      },
    },
    '/api/cycles/{id}/results': {
      get: {
        summary: "The year's results beside the plan's targets",
        params: [PATH['cycle']!],
        ok: { 200: { description: 'The results', json: R.CycleResults } },
        errors: [404],
      },
    },
    '/api/plans/{id}/schedule': {
      get: {
        summary: "The plan's cycle schedule (2 January, 07:00 local): paused, next and recent runs",
        params: [PATH['plan']!],
        ok: { 200: { description: 'The schedule', json: R.Schedule } },
        errors: [404],
      },
      put: {
        summary: "Turn the plan's cycle schedule on or pause it",
        params: [PATH['plan']!],
        body: SetSchedule,
        ok: { 200: { description: 'The schedule', json: R.Schedule } },
        errors: [404],
      },
    },
    '/api/plans/{id}/schedule/trigger': {
      post: {
        summary: "Run the plan's schedule now: starts this year's cycle if it does not exist",
        params: [PATH['plan']!],
        ok: { 202: { description: 'Triggered', json: R.Triggered } },
        errors: [404],
      },
    },
    '/api/plans/{id}/simulate': {
      post: {
        summary:
          "Simulate a plan's year: a job the worker runs (a minute or more); answered at once with the job and its status URL. The same input for the same plan is the same job",
        params: [PATH['plan']!],
        body: Simulate,
        ok: {
          202: {
            description: 'The job, started (or the same one asked for before)',
            json: R.SimulationStarted,
          },
        },
        errors: [404],
      },
    },
    '/api/simulations/{id}': {
      get: {
        summary:
          'A simulation job: its status and progress while it runs, then the simulated year (?format=csv for the timeline, once done)',
        params: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: "a simulation job's id, as POST /api/plans/{id}/simulate answered it",
            schema: { type: 'string', minLength: 1, maxLength: 100 },
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv'] },
          },
        ],
        ok: {
          200: {
            description: 'The job, or its timeline as CSV',
            content: {
              'application/json': { schema: jsonSchema(R.SimulationJobBody, 'output') },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
        errors: [404, 409],
      },
    },
    '/api/plans/import': {
      post: {
        summary:
          'Import a plan definition (JSON or YAML), or an assignment table (multipart `file` + `planId`); refused imports are 400 with every issue',
        params: [
          flagParam('dryRun', 'show what would be imported, write nothing'),
          flagParam('allowUndated', 'import a duty whose time phrase cannot be read, undated'),
        ],
        body: {
          content: {
            'application/json': { schema: jsonSchema(PlanDefinition, 'input') },
            'application/yaml': { schema: { type: 'string' } },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'planId'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  planId: { type: 'string', minLength: 1, maxLength: 100 },
                },
              },
            },
          },
        },
        ok: {
          200: { description: 'Dry run, updated or unchanged', json: R.ImportResultBody },
          201: { description: 'Created', json: R.ImportResultBody },
        },
        errors: [404],
      },
    },
    '/api/plans/{planId}/duties/{ref}/time': {
      put: {
        summary:
          'Give one duty of a plan its time phrase (e.g. one imported undated): the plan is re-resolved with it; an unreadable phrase is 400',
        params: [PATH['planId']!, PATH['ref']!],
        body: SetDutyTime,
        ok: { 200: { description: 'The plan as re-imported', json: R.ImportResultBody } },
        errors: [404],
      },
    },
    '/api/plans': {
      get: {
        summary: 'Imported plans',
        ok: { 200: { description: 'The plans', json: R.PlanList } },
      },
    },
    '/api/plans/{id}': {
      get: {
        summary: 'A plan and its resolved duties',
        params: [PATH['plan']!],
        ok: { 200: { description: 'The plan', json: R.PlanBody } },
        errors: [404],
      },
    },
    '/api/plans/{planId}/targets': {
      get: {
        summary: "The plan's per-locality targets table of a year",
        params: [
          PATH['planId']!,
          {
            name: 'year',
            in: 'query',
            required: true,
            description: "a year of the plan's period",
            schema: { type: 'string', pattern: '^\\d{4}$' },
          },
        ],
        ok: { 200: { description: 'The targets table', json: R.TargetsStored } },
        errors: [404],
      },
    },
    '/api/plans/{planId}/cycle-preview': {
      get: {
        summary:
          "A year's cycle before it starts: its duties, how many are already past due, and what starting now would send at once (chase now or record the past as history), per lead agency",
        params: [
          PATH['planId']!,
          {
            name: 'year',
            in: 'query',
            required: true,
            description: "a year of the plan's period",
            schema: { type: 'string', pattern: '^\\d{4}$' },
          },
        ],
        ok: { 200: { description: 'The preview', json: CyclePreviewBody } },
        errors: [400, 404],
      },
    },
    '/api/plans/{planId}/targets/import': {
      post: {
        summary:
          "Import a plan's per-locality targets table of a year (multipart `file` + `year`; XLSX, CSV or Word), with a dry run; coordinators only",
        params: [PATH['planId']!, flagParam('dryRun', 'show what would be imported')],
        body: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'year'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  year: { type: 'string', pattern: '^\\d{4}$' },
                },
              },
            },
          },
        },
        ok: {
          200: { description: 'Dry run, updated or unchanged', json: R.TargetsImported },
          201: { description: 'Created', json: R.TargetsImported },
        },
        errors: [404],
      },
    },
    '/api/directory': {
      post: {
        summary: 'Import the agency directory (JSON or YAML)',
        body: {
          content: {
            'application/json': { schema: jsonSchema(Directory, 'input') },
            'application/yaml': { schema: { type: 'string' } },
          },
        },
        ok: { 200: { description: 'Imported', json: R.DirectoryImported } },
      },
    },
    '/api/agencies': {
      get: {
        summary: 'The agency directory, retired agencies marked',
        ok: { 200: { description: 'Agencies', json: R.AgencyList } },
      },
      post: {
        summary: 'Add an agency (its locality must exist; 409 when the id is taken)',
        body: DirectoryAgency,
        ok: { 201: { description: 'Created', json: R.AgencyBody } },
        errors: [409],
      },
    },
    '/api/agencies/{id}': {
      get: {
        summary: 'An agency',
        params: [PATH['agency']!],
        ok: { 200: { description: 'The agency', json: R.AgencyBody } },
        errors: [404],
      },
      put: {
        summary: 'Replace an agency',
        params: [PATH['agency']!],
        body: DirectoryAgency,
        ok: { 200: { description: 'Replaced', json: R.AgencyBody } },
        errors: [404],
      },
      delete: {
        summary:
          'Remove an agency nothing names; one a plan or duty still names is 409 `referenced` (retire it instead)',
        params: [PATH['agency']!],
        ok: { 204: { description: 'Removed' } },
        errors: [404, 409],
      },
    },
    '/api/agencies/{id}/retire': {
      post: {
        summary:
          'Retire an agency: kept for the history that names it, never matched or offered for new assignments',
        params: [PATH['agency']!],
        ok: { 200: { description: 'The agency, retired', json: R.AgencyBody } },
        errors: [404],
      },
    },
    '/api/agencies/{id}/merge': {
      post: {
        summary:
          "Merge an agency into another: it is retired with a record of where it went; open duties it leads are reassigned to the successor, those it coordinates follow, plans name the successor; closed duties stay as they were. 400 for itself, an unknown successor or a commune People's Committee into another kind; 409 when already merged or the successor is retired",
        params: [PATH['agency']!],
        body: MergeInto,
        ok: { 200: { description: 'Merged', json: R.AgencyMerged } },
        errors: [404, 409],
      },
    },
    '/api/localities/{id}/merge': {
      post: {
        summary:
          "Merge a locality into another of the same level: its agencies merge into the successor's of the same kind or move to it; the localities under it move too. 400 for itself, an unknown successor or another level; 409 when already merged or the successor is retired",
        params: [PATH['locality']!],
        body: MergeInto,
        ok: { 200: { description: 'Merged', json: R.LocalityMerged } },
        errors: [404, 409],
      },
    },
    '/api/localities': {
      get: {
        summary: 'The localities of the directory, retired ones marked',
        ok: { 200: { description: 'Localities', json: R.LocalityList } },
      },
    },
    '/api/localities/{id}': {
      delete: {
        summary:
          'Remove a locality nothing names; one an agency, a plan or another locality still names is 409 `referenced` (retire it instead)',
        params: [PATH['locality']!],
        ok: { 204: { description: 'Removed' } },
        errors: [404, 409],
      },
    },
    '/api/localities/{id}/retire': {
      post: {
        summary:
          'Retire a locality: kept for the history that names it, marked as retired in the directory',
        params: [PATH['locality']!],
        ok: { 200: { description: 'The locality, retired', json: R.LocalityBody } },
        errors: [404],
      },
    },
    '/api/calendar/{year}': {
      get: {
        summary:
          "The year's national days off (public holidays, days in lieu, announced bridges) and make-up working days, as duties' calendars carry them",
        params: [PATH['year']!],
        ok: { 200: { description: 'The days', json: R.CalendarYear } },
      },
    },
  };
  for (const [path, body, summary, errors] of ACTIONS) {
    ops[`/api/duties/{id}/${path}`] = {
      post: {
        summary: `${summary}. A closed duty or an action its state refuses is 409`,
        params: [PATH['duty']!],
        body,
        ok: { 200: { description: 'The duty after the action', json: R.DutyStateBody } },
        errors: [404, 409, ...errors],
      },
    };
  }
  for (const [path, body, summary] of CYCLE_ACTIONS) {
    ops[`/api/cycles/{id}/${path}`] = {
      post: {
        summary,
        params: [PATH['cycle']!],
        body,
        ok: { 200: { description: 'The cycle after the action', json: R.CycleStateBody } },
        errors: [404, 409],
      },
    };
  }
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, methods] of Object.entries(ops)) {
    paths[path] = {};
    for (const [method, spec] of Object.entries(methods))
      paths[path][method] = operation(method, spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Theo dõi nhiệm vụ giảm nghèo API',
      version: '0.2.0',
      description: SECURITY_TEXT,
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: SECURITY_TEXT },
      },
      schemas: { Error: jsonSchema(R.ErrorBody, 'output') },
    },
    // Either the bearer token, or (development without API_TOKEN) nothing.
    security: [{ bearer: [] }, {}],
    paths,
  };
}
