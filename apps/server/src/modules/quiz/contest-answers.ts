import { sql } from 'kysely';
import type { Database } from '../../db/database';

// Contest answers arrive in bursts: hundreds of members answer the same question within
// seconds. Committing each answer on its own makes every request wait for its own flush of
// the write-ahead log; here the answers that arrive while one batch is being written go
// together into the next, as one statement and one commit. A request is answered only after
// the commit that holds its answer, so an acknowledged answer is never lost, and the database
// still decides "once per member and question" (exam_answer's primary key).

export interface ContestAnswer {
  memberId: number;
  questionId: number;
  answer: unknown;
  correct: boolean;
  points: number;
  responseMs: number;
}

export interface ContestPaper {
  examId: number;
  /** Members must lie in this subtree (the contest's audience). */
  root: string;
  questionIds: number[];
  endsAt: Date;
}

/** What happened to one answer: the member is outside the audience, it was stored, or it was there already. */
export type AnswerOutcome = 'notParticipant' | 'stored' | 'duplicate';

interface Pending {
  entry: ContestAnswer;
  paper: ContestPaper;
  retried: boolean;
  resolve: (outcome: AnswerOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

export function createContestAnswerWriter(db: Database) {
  const queues = new Map<number, Pending[]>();
  const flushing = new Set<number>();

  function schedule(examId: number) {
    if (flushing.has(examId)) return; // the running flush picks the queue up when it ends
    flushing.add(examId);
    // One turn of the event loop lets the requests that arrived together join the batch.
    setImmediate(() => void flush(examId));
  }

  async function flush(examId: number) {
    try {
      for (;;) {
        const queue = queues.get(examId);
        if (!queue?.length) break;
        const batch = queue.splice(0, MAX_BATCH);
        await writeBatch(batch).catch((error: unknown) => {
          for (const p of batch) p.reject(error);
        });
      }
    } finally {
      flushing.delete(examId);
      if (queues.get(examId)?.length) schedule(examId);
      else queues.delete(examId);
    }
  }

  async function writeBatch(batch: Pending[]) {
    const paper = batch[0].paper;
    // The same member and question twice in one batch (a double tap): the first one speaks
    // for both, the second is a duplicate whatever the first's fate.
    const firsts = new Map<string, Pending>();
    const repeats: [Pending, Pending][] = [];
    for (const p of batch) {
      const key = `${p.entry.memberId}:${p.entry.questionId}`;
      const first = firsts.get(key);
      if (first) repeats.push([p, first]);
      else firsts.set(key, p);
    }
    const unique = [...firsts.values()];
    const e = unique.map((p) => p.entry);
    const { rows } = await sql<{ i: number; member: boolean; attempt: boolean; inserted: boolean }>`
      with input as (
        select * from unnest(${e.map((x) => x.memberId)}::bigint[], ${e.map((x) => x.questionId)}::bigint[],
                             ${e.map((x) => JSON.stringify(x.answer))}::jsonb[], ${e.map((x) => x.correct)}::boolean[],
                             ${e.map((x) => x.points)}::numeric[], ${e.map((x) => x.responseMs)}::int[])
          with ordinality as t(member_id, question_id, answer, correct, points, response_ms, i)),
      mem as (select m.id from member m where m.id in (select member_id from input) and m.org_path <@ ${paper.root}::ltree),
      ex as (select a.id, a.member_id from exam_attempt a
             where a.exam_id = ${paper.examId} and a.attempt_no = 1 and a.member_id in (select id from mem)),
      ins as (
        insert into exam_attempt (exam_id, member_id, attempt_no, question_ids, deadline_at)
        select ${paper.examId}, mem.id, 1, ${sql.val(paper.questionIds)}::bigint[], ${paper.endsAt}::timestamptz from mem
        where not exists (select 1 from ex where ex.member_id = mem.id)
        on conflict do nothing returning id, member_id),
      att as (select id, member_id from ex union all select id, member_id from ins),
      ans as (
        insert into exam_answer (attempt_id, question_id, answer, correct, points, response_ms)
        select att.id, i.question_id, i.answer, i.correct, i.points, i.response_ms from input i join att on att.member_id = i.member_id
        on conflict do nothing returning attempt_id, question_id)
      select i.i::int as i,
             exists (select 1 from mem where mem.id = i.member_id) as member,
             exists (select 1 from att where att.member_id = i.member_id) as attempt,
             exists (select 1 from ans join att on att.id = ans.attempt_id where att.member_id = i.member_id and ans.question_id = i.question_id) as inserted
      from input i`.execute(db);
    const outcomes = new Map<Pending, AnswerOutcome>();
    for (const r of rows) {
      const p = unique[r.i - 1];
      if (!r.member) outcomes.set(p, 'notParticipant');
      else if (r.inserted) outcomes.set(p, 'stored');
      else if (r.attempt) outcomes.set(p, 'duplicate');
      else if (!p.retried) {
        // Another server process created the member's attempt meanwhile: once more, next batch.
        p.retried = true;
        enqueue(p);
      } else outcomes.set(p, 'duplicate');
    }
    for (const [p, outcome] of outcomes) p.resolve(outcome);
    for (const [p, first] of repeats) {
      const o = outcomes.get(first);
      p.resolve(o === 'notParticipant' ? 'notParticipant' : 'duplicate');
    }
  }

  function enqueue(p: Pending) {
    const queue = queues.get(p.paper.examId) ?? [];
    queues.set(p.paper.examId, queue);
    queue.push(p);
    schedule(p.paper.examId);
  }

  return {
    /** Resolves once the batch holding this answer is committed (or refused). */
    write(paper: ContestPaper, entry: ContestAnswer): Promise<AnswerOutcome> {
      return new Promise((resolve, reject) => enqueue({ entry, paper, retried: false, resolve, reject }));
    },
  };
}
