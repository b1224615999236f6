import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { multipart } from '../../test/matrix';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let citySession: Session;
let city: ReturnType<typeof as>;

/** A small file an MP4 reader would accept the start of: a box size, then `ftyp`. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(1000, 7)]);

function upload(courseId: number, fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const body = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: `/api/courses/${courseId}/chapters/upload`, payload: body.payload, headers: { ...body.headers, cookie: citySession.cookie, 'x-csrf-token': citySession.csrf } });
}

async function draftCourse() {
  const res = await city.post('/api/courses', { orgId: tree.city.id, title: '视频党课', category: '红船党课', studyHours: 1, audience: { kind: 'all' } });
  return res.json().id as number;
}

async function member() {
  const m = await t.given.member({ orgId: tree.branchA.id });
  const u = await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: m.id });
  const s = await login(t.app, u.username);
  return { id: m.id, get: (url: string, range?: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie, ...(range ? { range } : {}) } }), head: (url: string) => t.app.inject({ method: 'HEAD', url, headers: { cookie: s.cookie } }) };
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  citySession = await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username);
  city = as(t.app, citySession);
}, 60000);
afterAll(() => t?.close());

describe('chapter files', () => {
  it('refuses a file of a disallowed type or whose content does not match, keeping nothing', async () => {
    const id = await draftCourse();
    const exe = await upload(id, { version: '1', title: '第一讲', kind: 'video' }, { name: '党课.exe', content: Buffer.from('MZ\x90\x00') });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.issues[0].path).toBe('file');
    const fake = await upload(id, { version: '1', title: '第一讲', kind: 'video' }, { name: '党课.mp4', content: Buffer.from('<html>not a video</html>') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().code).toBe('UNSUPPORTED_FILE');
    const wrongKind = await upload(id, { version: '1', title: '第一讲', kind: 'audio' }, { name: '党课.mp4', content: MP4 });
    expect(wrongKind.statusCode).toBe(400);
    const noTitle = await upload(id, { version: '1', kind: 'video' }, { name: '党课.mp4', content: MP4 });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().details.issues[0].path).toBe('title');
    const huge = await upload(id, { version: '1', title: '超大', kind: 'video' }, { name: '超大.mp4', content: Buffer.concat([MP4, Buffer.alloc(t.ctx.config.maxUploadBytes)]) });
    expect(huge.statusCode).toBe(413);
    expect((await city.get(`/api/courses/${id}`)).json().chapters).toEqual([]);
    expect(await t.db.selectFrom('attachment').selectAll().where('ownerType', '=', 'courseChapter').where('ownerId', '=', id).execute()).toEqual([]);
  });

  it('serves a video with range requests and counts the chapter delivered once the ranges cover the file', async () => {
    const id = await draftCourse();
    const up = await upload(id, { version: '1', title: '第一讲 红船起航', kind: 'video' }, { name: '红船起航.mp4', content: MP4, type: 'video/mp4' });
    expect(up.statusCode, up.body).toBe(201);
    const chapterId = up.json().id;
    const course = (await city.get(`/api/courses/${id}`)).json();
    expect(course.chapters[0]).toMatchObject({ kind: 'video', file: { fileName: '红船起航.mp4', contentType: 'video/mp4', sizeBytes: MP4.length } });
    expect((await city.post(`/api/courses/${id}/publish`, { version: course.version })).statusCode).toBe(200);

    const preview = await t.app.inject({ method: 'GET', url: `/api/courses/${id}/chapters/${chapterId}/file`, headers: { cookie: citySession.cookie, range: 'bytes=-24' } });
    expect(preview.statusCode).toBe(206);
    expect(preview.rawPayload.equals(MP4.subarray(MP4.length - 24))).toBe(true);

    const m = await member();
    const url = `/api/me/courses/${id}/chapters/${chapterId}/media`;
    const first = await m.get(url, 'bytes=0-99');
    expect(first.statusCode).toBe(206);
    expect(first.headers['accept-ranges']).toBe('bytes');
    expect(first.headers['content-range']).toBe(`bytes 0-99/${MP4.length}`);
    expect(first.rawPayload.equals(MP4.subarray(0, 100))).toBe(true);
    expect((await m.head(url)).statusCode).toBe(200);
    let chapter = (await m.get(`/api/me/courses/${id}/chapters/${chapterId}`)).json();
    expect(chapter.progress.delivered).toBe(false);
    expect(chapter.body).toBeNull();

    const beyond = await m.get(url, `bytes=${MP4.length}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${MP4.length}`);

    // Overlapping and out-of-order slices still add up to the whole file.
    const tail = await m.get(url, 'bytes=500-');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(MP4.subarray(500))).toBe(true);
    expect((await m.get(url, 'bytes=50-520')).statusCode).toBe(206);
    chapter = (await m.get(`/api/me/courses/${id}/chapters/${chapterId}`)).json();
    expect(chapter.progress).toEqual({ delivered: true, quizPassed: null, completed: true });
    expect(chapter.courseCompleted).toBe(true);
    const progress = await t.db.selectFrom('chapterProgress').select('delivered').where('memberId', '=', m.id).executeTakeFirstOrThrow();
    expect(progress.delivered).toBe(`{[0,${MP4.length})}`);
    expect(await t.db.selectFrom('studyHoursEntry').selectAll().where('memberId', '=', m.id).execute()).toHaveLength(1);
  });

  it('counts a whole-file response as delivered and a HEAD request as nothing', async () => {
    const id = await draftCourse();
    const up = await upload(id, { version: '1', title: '讲义', kind: 'pdf' }, { name: '讲义.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' });
    const chapterId = up.json().id;
    await city.post(`/api/courses/${id}/publish`, { version: (await city.get(`/api/courses/${id}`)).json().version });
    const m = await member();
    const url = `/api/me/courses/${id}/chapters/${chapterId}/media`;
    await m.head(url);
    expect(await t.db.selectFrom('chapterProgress').selectAll().where('memberId', '=', m.id).execute()).toEqual([]);
    const whole = await m.get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect((await m.get(`/api/me/courses/${id}/chapters/${chapterId}`)).json().progress.completed).toBe(true);
  });

  it('removes a draft\'s file chapter together with its stored bytes', async () => {
    const id = await draftCourse();
    const content = Buffer.concat([MP4, Buffer.from('unique-bytes-for-removal')]);
    const up = await upload(id, { version: '1', title: '待删除', kind: 'video' }, { name: '待删除.mp4', content });
    const file = (await city.get(`/api/courses/${id}`)).json().chapters[0].file;
    const sha = (await t.db.selectFrom('attachment').select('sha256').where('id', '=', file.id).executeTakeFirstOrThrow()).sha256.toString('hex');
    const stored = path.join(t.ctx.config.dataDir, 'attachments', sha);
    expect(fs.existsSync(stored)).toBe(true);
    expect((await city.delete(`/api/courses/${id}/chapters/${up.json().id}?version=2`)).statusCode).toBe(200);
    expect(await t.db.selectFrom('attachment').select('id').where('id', '=', file.id).execute()).toEqual([]);
    expect(fs.existsSync(stored)).toBe(false);
  });
});
