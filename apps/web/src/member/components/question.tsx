import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../api/my-learning';
import '../pages/learning.css';

export type QuestionView = {
  id: number;
  kind: 'single' | 'multiple' | 'judge' | 'fill';
  stem: string;
  options: { key: string; text: string }[];
  blanks?: number;
};

/** Whether an answer is complete enough to send (every blank filled, at least one choice). */
export function isAnswered(q: QuestionView, value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (q.kind === 'judge') return typeof value === 'boolean';
  if (q.kind === 'single') return typeof value === 'string' && value !== '';
  if (q.kind === 'multiple') return Array.isArray(value) && value.length > 0;
  return Array.isArray(value) && value.length === Math.max(1, q.blanks ?? 1) && value.every((v) => v.trim() !== '');
}

/** One question with big tap targets: choices, true/false, or one box per blank. */
export function QuestionInput({ q, value, onChange, disabled = false, number }: {
  q: QuestionView; value: AnswerValue | undefined; onChange: (v: AnswerValue) => void; disabled?: boolean; number?: number;
}) {
  const { t } = useTranslation();
  const name = `ml-q-${q.id}`;
  return (
    <fieldset className="ml-question" disabled={disabled}>
      <legend className="ml-stem">
        {number !== undefined ? <span className="ml-no">{number}. </span> : null}
        <span className="ml-kind">[{t(`mlearning.kind.${q.kind}`)}]</span> {q.stem}
      </legend>
      {q.kind === 'single' || q.kind === 'multiple' ? (
        <div className="ml-options">
          {q.options.map((o) => {
            const checked = q.kind === 'single' ? value === o.key : Array.isArray(value) && value.includes(o.key);
            return (
              <label key={o.key} className={`ml-option${checked ? ' ml-option-on' : ''}`}>
                <input
                  type={q.kind === 'single' ? 'radio' : 'checkbox'}
                  name={name}
                  checked={checked}
                  onChange={() => {
                    if (q.kind === 'single') onChange(o.key);
                    else {
                      const list = Array.isArray(value) ? value : [];
                      onChange(list.includes(o.key) ? list.filter((k) => k !== o.key) : [...list, o.key].sort());
                    }
                  }}
                />
                <span className="ml-option-key">{o.key}</span>
                <span>{o.text}</span>
              </label>
            );
          })}
        </div>
      ) : null}
      {q.kind === 'judge' ? (
        <div className="ml-options ml-judge">
          {([true, false] as const).map((v) => (
            <label key={String(v)} className={`ml-option${value === v ? ' ml-option-on' : ''}`}>
              <input type="radio" name={name} checked={value === v} onChange={() => onChange(v)} />
              <span>{t(v ? 'mlearning.q.true' : 'mlearning.q.false')}</span>
            </label>
          ))}
        </div>
      ) : null}
      {q.kind === 'fill' ? (
        <div className="ml-options">
          {Array.from({ length: Math.max(1, q.blanks ?? 1) }, (_, i) => {
            const list = Array.isArray(value) ? value : [];
            return (
              <input
                key={i}
                className="m-input"
                aria-label={t('mlearning.q.blank', { n: i + 1 })}
                placeholder={t('mlearning.q.blank', { n: i + 1 })}
                value={list[i] ?? ''}
                maxLength={200}
                onChange={(e) => {
                  const next = Array.from({ length: Math.max(1, q.blanks ?? 1) }, (_, j) => list[j] ?? '');
                  next[i] = e.target.value;
                  onChange(next);
                }}
              />
            );
          })}
        </div>
      ) : null}
    </fieldset>
  );
}

/** The verdict after an answer: right, wrong or not answered, the key and the explanation. */
export function Verdict({ correct, keyText, explanation, unanswered = false }: { correct: boolean; keyText?: string; explanation: string | null; unanswered?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`ml-verdict ${correct ? 'ml-verdict-right' : 'ml-verdict-wrong'}`} role="status">
      <p className="ml-verdict-title">{t(correct ? 'mlearning.q.right' : unanswered ? 'mlearning.q.unanswered' : 'mlearning.q.wrong')}</p>
      {keyText ? <p>{t('mlearning.q.key')}{keyText}</p> : null}
      {explanation ? <p>{t('mlearning.q.explanation')}{explanation}</p> : null}
    </div>
  );
}
