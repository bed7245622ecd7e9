// The OpenAPI document, generated from the same zod schemas the routes parse with.
import { z } from 'zod';
import {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  StartDuty,
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
import { Simulate } from '../simulation/schema.ts';
import { NotifyMode, OptOut } from './routes/notifications.ts';
import { SetSchedule } from './routes/schedules.ts';
import { DueSoonQuery, ListQuery, LockBody, LockQuery, MatrixQuery } from './routes/tracking.ts';
import { Directory, DirectoryAgency, PlanDefinition } from '../common/plan-schema.ts';

const schema = (s: z.ZodType): unknown =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });
const errors = {
  '400': { description: 'Invalid input: the message and `details` name each wrong field' },
  '401': { description: 'Missing or wrong API token' },
  '404': { description: 'Not found' },
  '409': { description: 'Conflict: already exists, or refused by the duty in its current state' },
  '429': {
    description: 'Too soon: the action is rate-limited; the message says when it is possible',
  },
};
const ok = (description: string) => ({ description });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

const ACTIONS: [string, z.ZodType, string][] = [
  ['acknowledge', Acknowledge, 'The lead agency acknowledges the duty'],
  ['submit', Submit, 'The lead agency submits the product'],
  ['contributions', Contribute, 'A coordinating agency sends its contribution'],
  ['extension-requests', RequestExtension, 'The lead agency asks for more time'],
  ['extension-decision', DecideExtension, 'The standing agency grants or refuses the extension'],
  ['review', Review, 'The standing agency accepts the product or returns it for revision'],
  ['cancel', Cancel, 'The standing agency cancels the duty'],
  ['reassign', ReassignLead, 'The standing agency gives the duty to another lead agency'],
  [
    'urge',
    UrgeNow,
    'The standing agency urges the lead now: one message, at most one a day per duty (429 sooner)',
  ],
];

/** Query parameters from a zod object, each with its own schema and description. */
const queryParams = (s: z.ZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType),
  }));

const tableResponses = {
  '200': {
    description:
      'JSON, or with ?format=xlsx|csv a file with Vietnamese headers and dd/mm/yyyy dates',
    content: {
      'application/json': {},
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
      'text/csv': {},
    },
  },
};

export function openApiDocument(): object {
  const paths: Record<string, object> = {
    '/health': {
      get: {
        summary: 'Temporal and storage health',
        responses: { '200': ok('Healthy'), '503': ok('Degraded') },
      },
    },
    '/api/duties': {
      get: {
        summary: 'Duties from the read model, soonest deadline first',
        parameters: ['planId', 'status', 'agencyId', 'role', 'dueFrom', 'dueTo', 'limit'].map(
          (name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          }),
        ),
        responses: { '200': ok('The duties'), ...errors },
      },
      post: {
        summary: 'Start a duty',
        requestBody: json(StartDuty),
        responses: { '201': ok('Started'), ...errors },
      },
    },
    '/api/duties/{id}': {
      get: {
        summary: "A duty's state, history and ladder",
        parameters: idParam,
        responses: { '200': ok('The duty'), ...errors },
      },
    },
    '/api/duties/overdue': {
      get: {
        summary: 'Open duties past their deadline in force, the longest overdue first',
        parameters: queryParams(ListQuery),
        responses: { ...tableResponses, ...errors },
      },
    },
    '/api/duties/due-soon': {
      get: {
        summary: 'Open duties due within the next `days` days, soonest first',
        parameters: queryParams(DueSoonQuery),
        responses: { ...tableResponses, ...errors },
      },
    },
    '/api/duties/{id}/ladder': {
      get: {
        summary: "A duty's messages: sent (to whom, when, held for a digest) and coming next",
        parameters: idParam,
        responses: { '200': ok('The ladder'), ...errors },
      },
    },
    '/api/reports/matrix': {
      get: {
        summary:
          'Reporting matrix of a plan and period: each report × agency on time, late, missing or not yet due; rates per level and locality; other duties in four categories',
        parameters: queryParams(MatrixQuery),
        responses: { ...tableResponses, ...errors },
      },
    },
    '/api/reports/lock': {
      get: {
        summary: "Whether a plan's period is locked, since when and by whom (null when open)",
        parameters: queryParams(LockQuery),
        responses: { '200': ok('The lock, or null'), ...errors },
      },
      post: {
        summary:
          "Lock a plan's period: its matrix as it stands now is kept and answered from then on, whatever happens later; there is no unlocking (409 when already locked)",
        requestBody: json(LockBody),
        responses: { '201': ok('Locked'), ...errors },
      },
    },
    '/api/agencies/{id}/notifications': {
      get: {
        summary: "An agency's choice: single messages or a daily digest",
        parameters: idParam,
        responses: { '200': ok('The choice'), ...errors },
      },
      put: {
        summary: 'Choose single messages or a daily digest for an agency',
        parameters: idParam,
        requestBody: json(NotifyMode),
        responses: { '200': ok('Saved'), ...errors },
      },
    },
    '/api/notification-preferences': {
      put: {
        summary: "A person's opt-out of non-critical reminders",
        requestBody: json(OptOut),
        responses: { '200': ok('Saved'), ...errors },
      },
    },
    '/api/agencies/{id}/calendar-tokens': {
      post: {
        summary: "A new secret URL of the agency's calendar feed (shown once)",
        parameters: idParam,
        responses: { '201': ok('The URL'), ...errors },
      },
      delete: {
        summary: "Revoke every URL of the agency's calendar feed",
        parameters: idParam,
        responses: { '200': ok('How many were revoked'), ...errors },
      },
    },
    '/api/agencies/{id}/calendar.ics': {
      get: {
        summary:
          "The agency's due dates as iCalendar (no bearer token: the secret token is the credential)",
        security: [],
        parameters: [
          ...idParam,
          { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': ok('text/calendar'), '404': ok('Unknown or revoked token') },
      },
    },
    '/api/duties/{id}/consolidation': {
      get: {
        summary:
          "The standing agency's consolidation draft of a report: the contributions and indicators received so far",
        parameters: idParam,
        responses: { '200': ok('The draft'), ...errors },
      },
    },
    '/api/cycles': {
      post: {
        summary: "Start a plan's annual cycle (one per plan and year)",
        requestBody: json(StartCycle),
        responses: { '201': ok('Started'), ...errors },
      },
    },
    '/api/cycles/{id}': {
      get: {
        summary: "A cycle's state: counts per phase and status, allocations, the next deadlines",
        parameters: idParam,
        responses: { '200': ok('The cycle'), ...errors },
      },
    },
    '/api/cycles/{id}/results': {
      get: {
        summary: "The year's results beside the plan's targets",
        parameters: idParam,
        responses: { '200': ok('The results'), ...errors },
      },
    },
    '/api/cycles/{id}/allocations': {
      post: {
        summary: 'Record capital allocated to a (sub-)project; opens its disbursement commitment',
        parameters: idParam,
        requestBody: json(RecordAllocation),
        responses: { '200': ok('The cycle after the allocation'), ...errors },
      },
    },
    '/api/cycles/{id}/disbursements': {
      post: {
        summary: "Report a month's disbursement against the commitment",
        parameters: idParam,
        requestBody: json(ReportDisbursement),
        responses: { '200': ok('The cycle after the report'), ...errors },
      },
    },
    '/api/cycles/{id}/close': {
      post: {
        summary: 'Close the year',
        parameters: idParam,
        requestBody: json(CloseYear),
        responses: { '200': ok('The closed cycle'), ...errors },
      },
    },
    '/api/cycles/{id}/ad-hoc-reports': {
      post: {
        summary: 'Ask agencies for an ad hoc report (each becomes a duty of the cycle)',
        parameters: idParam,
        requestBody: json(RequestAdHocReport),
        responses: { '200': ok('The cycle after the request'), ...errors },
      },
    },
    '/api/plans/{id}/schedule': {
      get: {
        summary: "The plan's cycle schedule (2 January, 07:00 local): paused, next and recent runs",
        parameters: idParam,
        responses: { '200': ok('The schedule'), ...errors },
      },
      put: {
        summary: "Turn the plan's cycle schedule on or pause it",
        parameters: idParam,
        requestBody: json(SetSchedule),
        responses: { '200': ok('The schedule'), ...errors },
      },
    },
    '/api/plans/{id}/schedule/trigger': {
      post: {
        summary: "Run the plan's schedule now: starts this year's cycle if it does not exist",
        parameters: idParam,
        responses: { '202': ok('Triggered'), ...errors },
      },
    },
    '/api/plans/{id}/simulate': {
      post: {
        summary:
          "Simulate a plan's year on the time-skipping server (?format=csv for the timeline)",
        parameters: [
          ...idParam,
          { name: 'format', in: 'query', schema: { enum: ['json', 'csv'] } },
        ],
        requestBody: json(Simulate),
        responses: { '200': ok('The simulated year'), ...errors },
      },
    },
    '/api/plans/import': {
      post: {
        summary:
          'Import a plan definition (JSON or YAML), or an assignment table (multipart `file` + `planId`)',
        parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'boolean' } }],
        requestBody: {
          content: {
            'application/json': { schema: schema(PlanDefinition) },
            'application/yaml': { schema: schema(PlanDefinition) },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'planId'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  planId: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '200': ok('Dry run, updated or unchanged'),
          '201': ok('Created'),
          '413': ok('File too large'),
          ...errors,
        },
      },
    },
    '/api/plans': { get: { summary: 'Imported plans', responses: { '200': ok('The plans') } } },
    '/api/plans/{id}': {
      get: {
        summary: 'A plan and its resolved duties',
        parameters: idParam,
        responses: { '200': ok('The plan'), ...errors },
      },
    },
    '/api/directory': {
      post: {
        summary: 'Import the agency directory',
        requestBody: json(Directory),
        responses: { '200': ok('Imported'), ...errors },
      },
    },
    '/api/agencies': {
      get: { summary: 'The agency directory', responses: { '200': ok('Agencies') } },
      post: {
        summary: 'Add an agency',
        requestBody: json(DirectoryAgency),
        responses: { '201': ok('Created'), ...errors },
      },
    },
    '/api/agencies/{id}': {
      get: {
        summary: 'An agency',
        parameters: idParam,
        responses: { '200': ok('The agency'), ...errors },
      },
      put: {
        summary: 'Replace an agency',
        parameters: idParam,
        requestBody: json(DirectoryAgency),
        responses: { '200': ok('Replaced'), ...errors },
      },
      delete: {
        summary: 'Remove an agency',
        parameters: idParam,
        responses: { '204': ok('Removed'), ...errors },
      },
    },
    '/api/calendar/{year}': {
      get: {
        summary:
          "The year's national days off (public holidays, days in lieu, announced bridges) and make-up working days, as duties' calendars carry them",
        parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': ok('The days, each with its weekday and holiday named'), ...errors },
      },
    },
  };
  for (const [path, body, summary] of ACTIONS) {
    paths[`/api/duties/{id}/${path}`] = {
      post: {
        summary,
        parameters: idParam,
        requestBody: json(body),
        responses: { '200': ok('The duty after the action'), ...errors },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Theo dõi nhiệm vụ giảm nghèo API', version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
