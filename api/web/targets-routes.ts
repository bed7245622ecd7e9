// The plan's per-locality targets page: the targets of a year as imported, and for
// coordinators an upload form whose dry run shows the rows, the totals and the warnings
// before anything is written (the same stage-then-confirm as the plan imports).
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { formatNumber } from '../../i18n/targets.ts';
import { ImportError, localizeIssue, type ImportIssue } from '../../plans/errors.ts';
import type { TargetColumn, TargetRow, TargetTotal, TargetValues } from '../../plans/targets.ts';
import {
  checkYear,
  importTargets,
  planScope,
  storedTargets,
  type TargetsImportResult,
} from '../../plans/targets-service.ts';
import { HttpError } from '../errors.ts';
import { canSeePlan } from '../principal.ts';
import { MAX_TABLE_BYTES } from '../routes/plans.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { html, path, type Html, type HtmlValue } from './html.ts';
import { csrfField, dateTime, facts, page, table, type View } from './layout.ts';

const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 10 });
const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 10 },
});
/** A dry run waits this long for its "confirm". */
const STAGED_TTL_MS = 60 * 60_000;

const WORDS = {
  vi: {
    title: 'Chỉ tiêu giảm nghèo theo địa bàn',
    ofYear: (year: number) => `Chỉ tiêu giảm nghèo theo địa bàn năm ${year}`,
    link: 'Chỉ tiêu giảm nghèo theo địa bàn (xã, thị trấn)',
    none: (year: number) => `Chưa nhập bảng chỉ tiêu năm ${year}.`,
    uploadTitle: 'Nhập bảng chỉ tiêu',
    uploadIntro:
      'Tải lên bảng chỉ tiêu theo xã, thị trấn (Excel .xlsx, CSV hoặc Word .docx). Bản xem trước cho thấy các dòng, dòng tổng và các cảnh báo; chỉ khi xác nhận mới ghi, thay thế chỉ tiêu của năm đó.',
    fileName: 'Tệp',
    importedAt: 'Nhập lúc',
    locality: 'Địa bàn',
    asWritten: 'Tên trong bảng',
    row: 'Hàng',
    stated: (label: string) => `${label} (theo bảng)`,
    summed: 'Tổng các dòng (tính lại)',
    warnings: 'Cảnh báo',
    noWarnings: 'Không có cảnh báo: dòng tổng khớp với tổng các dòng.',
    rows: (n: number) => `${n} địa bàn`,
    done: {
      created: 'Đã nhập bảng chỉ tiêu.',
      updated: 'Đã thay thế bảng chỉ tiêu của năm.',
      unchanged: 'Bảng chỉ tiêu này đã được nhập, không có gì thay đổi.',
      'dry-run': '',
    },
    columns: {
      households: 'Tổng số hộ',
      poor: 'Số hộ nghèo',
      poorRate: 'Tỷ lệ hộ nghèo (%)',
      nearPoor: 'Số hộ cận nghèo',
      nearPoorRate: 'Tỷ lệ hộ cận nghèo (%)',
      reductionTarget: 'Chỉ tiêu giảm tỷ lệ hộ nghèo (%)',
      liftOut: 'Số hộ thoát nghèo',
    },
  },
  en: {
    title: 'Poverty-reduction targets by locality',
    ofYear: (year: number) => `Poverty-reduction targets by locality, ${year}`,
    link: 'Poverty-reduction targets by locality (communes)',
    none: (year: number) => `No targets table imported for ${year}.`,
    uploadTitle: 'Import a targets table',
    uploadIntro:
      'Upload the targets table by commune (Excel .xlsx, CSV or Word .docx). The dry run shows the rows, the total row and any warnings; only the confirmation writes, replacing that year’s targets.',
    fileName: 'File',
    importedAt: 'Imported at',
    locality: 'Locality',
    asWritten: 'Name in the table',
    row: 'Row',
    stated: (label: string) => `${label} (as stated)`,
    summed: 'Sum of the rows (recomputed)',
    warnings: 'Warnings',
    noWarnings: 'No warnings: the total row matches the rows.',
    rows: (n: number) => `${n} localities`,
    done: {
      created: 'The targets table was imported.',
      updated: 'The year’s targets table was replaced.',
      unchanged: 'This targets table was imported before; nothing changed.',
      'dry-run': '',
    },
    columns: {
      households: 'Households',
      poor: 'Poor households',
      poorRate: 'Poverty rate (%)',
      nearPoor: 'Near-poor households',
      nearPoorRate: 'Near-poverty rate (%)',
      reductionTarget: 'Target reduction of the poverty rate (%)',
      liftOut: 'Households to lift out of poverty',
    },
  },
} as const;

/** A link to the plan's targets page, for the plan's page. */
export const targetsLink = (v: View, planId: string): Html =>
  html`<p><a href="${path('/plans', planId, 'targets')}">${WORDS[v.lang].link}</a></p>`;

function issuesTable(v: View, caption: string, issues: ImportIssue[]): Html {
  return table(
    caption,
    [v.t.where, v.t.problem],
    issues.map((i) => localizeIssue(i, v.lang)).map((i) => [i.at, i.message]),
    '',
  );
}

function targetsTable(
  v: View,
  shown: {
    columns: { key: TargetColumn }[];
    rows: TargetRow[];
    total: TargetTotal | null;
    sums: TargetValues;
  },
): Html {
  const w = WORDS[v.lang];
  const keys = shown.columns.map((c) => c.key);
  const figures = (values: TargetValues) => keys.map((k) => formatNumber(values[k], v.lang));
  const rows: HtmlValue[][] = shown.rows.map((r) => [
    String(r.row),
    r.localityName,
    r.name,
    ...figures(r.values),
  ]);
  if (shown.total) {
    rows.push([
      String(shown.total.row),
      html`<strong>${w.stated(shown.total.label)}</strong>`,
      '',
      ...figures(shown.total.values),
    ]);
  }
  rows.push(['', html`<em>${w.summed}</em>`, '', ...figures(shown.sums)]);
  return table(
    w.title,
    [w.row, w.locality, w.asWritten, ...keys.map((k) => w.columns[k])],
    rows,
    '',
    { captionHidden: true },
  );
}

function warningsBlock(v: View, warnings: ImportIssue[]): Html {
  const w = WORDS[v.lang];
  return warnings.length === 0
    ? html`<p class="flash flash-ok" role="status">${w.noWarnings}</p>`
    : html`<div class="flash flash-error" role="alert">
        <p>${w.warnings}</p>
        <ul>
          ${warnings
            .map((i) => localizeIssue(i, v.lang))
            .map((i) => html`<li>${i.at}: ${i.message}</li>`)}
        </ul>
      </div>`;
}

export function targetsRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db } = deps;

  async function planOf(req: Request) {
    const id = String(req.params['id']);
    const plan = await planScope(db, id);
    if (!plan) throw new HttpError(404, 'not_found', `No plan ${id}`);
    const row = await db
      .selectFrom('plans')
      .select(['number', 'title'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...plan, ...row };
  }

  const yearIn = (raw: unknown, plan: { from: number; to: number }): number => {
    const year = Number(raw);
    if (Number.isInteger(year) && year >= plan.from && year <= plan.to) return year;
    const now = new Date().getFullYear();
    return Math.min(Math.max(now, plan.from), plan.to);
  };

  async function targetsPage(req: Request, res: Response, yearRaw: unknown) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const w = WORDS[v.lang];
    const plan = await planOf(req);
    if (!canSeePlan(p, plan.id)) throw new HttpError(403, 'forbidden', 'Not your plan');
    const year = yearIn(yearRaw, plan);
    const stored = await storedTargets(db, plan.id, year);
    const years = Array.from({ length: plan.to - plan.from + 1 }, (_, i) => plan.from + i);
    const here = path('/plans', plan.id, 'targets');
    const uploadForm = p.coordinator
      ? html`<section aria-labelledby="h-targets-upload">
          <h2 id="h-targets-upload">${w.uploadTitle}</h2>
          <p>${w.uploadIntro}</p>
          <form
            method="post"
            action="${path('/plans', plan.id, 'targets', 'import')}"
            enctype="multipart/form-data"
            class="card stack"
          >
            ${csrfField(v)}
            <label for="targets-year">${v.t.year}</label>
            <select id="targets-year" name="year">
              ${years.map(
                (y) => html`<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`,
              )}
            </select>
            <label for="targets-file">${v.t.file}</label>
            <input id="targets-file" name="file" type="file" required accept=".xlsx,.csv,.docx" />
            <button type="submit">${v.t.check}</button>
          </form>
        </section>`
      : '';
    res.send(
      page(v, {
        title: `${w.title} – ${plan.number}`,
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', plan.id), plan.number],
        ],
        body: html`<nav aria-label="${v.t.year}">
            <ul class="plain inline">
              ${years.map((y) =>
                y === year
                  ? html`<li><strong aria-current="page">${y}</strong></li>`
                  : html`<li><a href="${here}?year=${y}">${y}</a></li>`,
              )}
            </ul>
          </nav>
          <h2>${v.t.year} ${year}</h2>
          ${
            stored
              ? html`${facts([
                  [w.fileName, stored.fileName],
                  [w.importedAt, dateTime(stored.importedAt)],
                  [w.locality, w.rows(stored.rows.length)],
                ])}
                ${warningsBlock(v, stored.warnings)} ${targetsTable(v, stored)}`
              : html`<p class="empty">${w.none(year)}</p>`
          }
          ${uploadForm}`,
      }),
    );
  }

  router.get('/plans/:id/targets', (req, res) => targetsPage(req, res, req.query['year']));

  // Coordinators only, decided before the file is read into memory.
  const coordinatorsOnly: RequestHandler = (_req, res, next) => {
    kit.coordinator(res);
    next();
  };

  const refusedPage = (req: Request, res: Response, planId: string, err: ImportError) => {
    const v = kit.view(req, res);
    res.status(422).send(
      page(v, {
        title: v.t.dryRunTitle,
        flash: { kind: 'error', text: v.t.importErrors },
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', planId, 'targets'), WORDS[v.lang].title],
        ],
        body: html`${issuesTable(v, v.t.importErrors, err.issues)}
          <p><a href="${path('/plans', planId, 'targets')}">${v.t.cancel}</a></p>`,
      }),
    );
  };

  const preview = (v: View, result: TargetsImportResult): Html =>
    html`<p>${WORDS[v.lang].rows(result.rows.length)}</p>
      ${warningsBlock(v, result.warnings)} ${targetsTable(v, result)}`;

  router.post(
    '/plans/:id/targets/import',
    coordinatorsOnly,
    upload.single('file'),
    async (req, res) => {
      kit.csrf(req, res);
      const p = kit.coordinator(res);
      const v = kit.view(req, res);
      const plan = await planOf(req);
      if (!req.file) {
        await targetsPage(req, res, field(req, 'year', 10));
        return;
      }
      const { originalname: name, buffer: bytes } = req.file;
      let year: number;
      let result: TargetsImportResult;
      try {
        year = checkYear(field(req, 'year', 10), plan);
        result = await importTargets(db, plan, year, { name, bytes }, true);
      } catch (err) {
        if (err instanceof ImportError) return refusedPage(req, res, plan.id, err);
        throw err;
      }
      const now = Date.now();
      await db
        .deleteFrom('staged_targets')
        .where('created_at', '<', new Date(now - STAGED_TTL_MS).toISOString())
        .execute();
      const id = randomUUID();
      await db
        .insertInto('staged_targets')
        .values({
          id,
          email: p.email || 'api',
          plan_id: plan.id,
          year,
          file_name: name,
          content_base64: bytes.toString('base64'),
          created_at: new Date(now).toISOString(),
        })
        .execute();
      res.send(
        page(v, {
          title: `${v.t.dryRunTitle} – ${WORDS[v.lang].ofYear(year)}`,
          crumbs: [
            ['/plans', v.t.navPlans],
            [path('/plans', plan.id, 'targets'), WORDS[v.lang].title],
          ],
          body: html`<p><strong>${name}</strong></p>
            <form
              method="post"
              action="${path('/plans', plan.id, 'targets', 'import', id)}"
              class="buttons"
            >
              ${csrfField(v)}
              <button type="submit">${v.t.confirmImport}</button>
              <a href="${path('/plans', plan.id, 'targets')}?year=${year}" class="button secondary"
                >${v.t.cancel}</a
              >
            </form>
            ${preview(v, result)}`,
        }),
      );
    },
  );

  router.post('/plans/:id/targets/import/:staged', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const plan = await planOf(req);
    const staged = await db
      .selectFrom('staged_targets')
      .selectAll()
      .where('id', '=', String(req.params['staged']))
      .where('plan_id', '=', plan.id)
      .where('email', '=', p.email || 'api')
      .where('created_at', '>=', new Date(Date.now() - STAGED_TTL_MS).toISOString())
      .executeTakeFirst();
    if (!staged) {
      res.status(410).send(
        page(v, {
          title: WORDS[v.lang].title,
          flash: { kind: 'error', text: v.t.stagedGone },
          body: html`<p><a href="${path('/plans', plan.id, 'targets')}">${v.t.open}</a></p>`,
        }),
      );
      return;
    }
    let result: TargetsImportResult;
    try {
      result = await importTargets(
        db,
        plan,
        staged.year,
        { name: staged.file_name, bytes: Buffer.from(staged.content_base64, 'base64') },
        false,
      );
    } catch (err) {
      // The directory changed since the dry run and the table no longer fits.
      if (err instanceof ImportError) return refusedPage(req, res, plan.id, err);
      throw err;
    }
    await db.deleteFrom('staged_targets').where('id', '=', staged.id).execute();
    const w = WORDS[v.lang];
    res.send(
      page(v, {
        title: w.ofYear(staged.year),
        flash: { kind: 'ok', text: w.done[result.outcome] },
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', plan.id), plan.number],
        ],
        body: html`<p>
            <a href="${path('/plans', plan.id, 'targets')}?year=${staged.year}"
              >${v.t.open}: ${staged.file_name}</a
            >
          </p>
          ${preview(v, result)}`,
      }),
    );
  });

  return router;
}
