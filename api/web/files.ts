// Files submitted with a product. Kept under DATA_DIR/files by the hash of their content (the
// name a user gave never becomes a path), checked by size, extension and first bytes (a
// renamed .exe is not a PDF), and described by a row of `files` that ties each to its duty,
// so only those who may see the duty may download it.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import multer from 'multer';
import { deleteFiles, fileById, insertFile } from '../../db/duty-pages.ts';
import type { Db } from '../../db/index.ts';
import { TYPES } from './file-types.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;

export { ACCEPT } from './file-types.ts';

/** The type to store and serve, when the name's extension and the first bytes agree. */
export function fileType(name: string, head: Uint8Array): string | undefined {
  const type = TYPES[extname(name).slice(1).toLowerCase()];
  if (!type) return undefined;
  return type.magic.every((b, i) => head[i] === b) ? type.contentType : undefined;
}

export const filesDir = (dataDir: string): string => join(dataDir, 'files');
const blobPath = (dataDir: string, sha256: string): string =>
  join(filesDir(dataDir), sha256.slice(0, 2), sha256);

/** Multipart parsing for the submit form: files go to a scratch folder, at most 20 MB each. */
export function uploadParser(dataDir: string) {
  return multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        const dir = join(filesDir(dataDir), 'incoming');
        mkdir(dir, { recursive: true }).then(
          () => cb(null, dir),
          (err: Error) => cb(err, dir),
        );
      },
      filename: (_req, _file, cb) => cb(null, randomUUID()),
    }),
    // Browsers send file names in UTF-8: "Báo cáo.pdf" must not arrive as "BÃ¡o cÃ¡o.pdf".
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 100, fieldSize: 100_000 },
  });
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const discardUploads = async (uploads: readonly Express.Multer.File[]): Promise<void> => {
  await Promise.all(uploads.map((u) => rm(u.path, { force: true })));
};

/** The names of uploads whose type is not on the allow-list (nothing is kept if any is). */
export async function refusedUploads(uploads: readonly Express.Multer.File[]): Promise<string[]> {
  const refused: string[] = [];
  for (const u of uploads) {
    if (!fileType(u.originalname, await firstBytes(u.path, 8))) refused.push(u.originalname);
  }
  return refused;
}

/** Moves checked uploads into the store and records them against the duty. */
export async function keepUploads(
  db: Db,
  dataDir: string,
  uploads: readonly Express.Multer.File[],
  workflowId: string,
  by: string,
): Promise<StoredFile[]> {
  const kept: StoredFile[] = [];
  for (const u of uploads) {
    const contentType = fileType(u.originalname, await firstBytes(u.path, 8));
    if (!contentType) throw new Error(`upload ${u.originalname} was not checked`);
    const sha256 = await sha256Of(u.path);
    const target = blobPath(dataDir, sha256);
    await mkdir(join(filesDir(dataDir), sha256.slice(0, 2)), { recursive: true });
    // The same content twice is one blob; rename replaces it with identical bytes.
    await rename(u.path, target);
    const file = {
      id: randomUUID(),
      name: u.originalname.slice(0, 255) || 'file',
      contentType,
      size: u.size,
    };
    await insertFile(db, { ...file, sha256, workflowId, uploadedBy: by });
    kept.push(file);
  }
  return kept;
}

/** Forgets files whose submission was refused; a blob goes when no other row names it. */
export async function forgetFiles(db: Db, dataDir: string, ids: readonly string[]): Promise<void> {
  for (const sha256 of await deleteFiles(db, ids)) {
    await rm(blobPath(dataDir, sha256), { force: true });
  }
}

export async function findFile(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return fileById(db, id);
}

export const fileStream = (dataDir: string, sha256: string) =>
  createReadStream(blobPath(dataDir, sha256));
