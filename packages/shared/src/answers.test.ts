import { describe, expect, it } from 'vitest';
import { answerProblem, blanksOf, isCorrect, keyProblem, keyText, normaliseFill, optionsProblem } from './answers';

const abcd = ['A', 'B', 'C', 'D'].map((key, i) => ({ key, text: `选项${i + 1}` }));

describe('answer checking', () => {
  it('marks a single choice right only for the key option', () => {
    expect(isCorrect('single', ['B'], 'B')).toBe(true);
    expect(isCorrect('single', ['B'], 'A')).toBe(false);
    expect(isCorrect('single', ['B'], ['B'])).toBe(false);
  });

  it('marks a multiple choice right only for exactly the key options, in any order', () => {
    expect(isCorrect('multiple', ['A', 'C'], ['C', 'A'])).toBe(true);
    expect(isCorrect('multiple', ['A', 'C'], ['A'])).toBe(false);
    expect(isCorrect('multiple', ['A', 'C'], ['A', 'C', 'D'])).toBe(false);
    expect(isCorrect('multiple', ['A', 'C'], 'A')).toBe(false);
  });

  it('marks true/false by the boolean key', () => {
    expect(isCorrect('judge', [true], true)).toBe(true);
    expect(isCorrect('judge', [false], true)).toBe(false);
    expect(isCorrect('judge', [false], 'false')).toBe(false);
  });

  it('accepts any listed text per blank, ignoring spaces, width, case and trailing punctuation', () => {
    const key = [['中国共产党章程', '党章'], ['民主集中制']];
    expect(isCorrect('fill', key, ['党章', '民主集中制'])).toBe(true);
    expect(isCorrect('fill', key, [' 中国共产党 章程 ', '民主集中制。'])).toBe(true);
    expect(isCorrect('fill', key, ['党章', '集中制'])).toBe(false);
    expect(isCorrect('fill', key, ['党章'])).toBe(false);
    expect(isCorrect('fill', [['ＣＰＣ']], ['cpc'])).toBe(true);
    expect(normaliseFill('  Ａ１２ 。')).toBe('a12');
  });

  it('explains answers that do not fit the question', () => {
    expect(answerProblem('single', abcd, 0, 'E')).toBe('请选择一个选项');
    expect(answerProblem('single', abcd, 0, 'A')).toBeNull();
    expect(answerProblem('multiple', abcd, 0, [])).toBe('请选择一个或多个选项');
    expect(answerProblem('multiple', abcd, 0, ['A', 'A'])).toBe('选项有重复');
    expect(answerProblem('judge', [], 0, 'true')).toBe('请选择“正确”或“错误”');
    expect(answerProblem('fill', [], 2, ['一'])).toBe('本题有 2 个空，请逐空填写');
    expect(answerProblem('fill', [], 1, ['一'])).toBeNull();
  });

  it('refuses keys and options that do not fit the kind', () => {
    expect(keyProblem('single', abcd, ['A', 'B'])).toBe('单选题只能有一个正确选项');
    expect(keyProblem('single', abcd, ['E'])).toBe('正确答案 E 不是已有的选项');
    expect(keyProblem('multiple', abcd, ['A'])).toContain('至少有两个');
    expect(keyProblem('judge', [], [true])).toBeNull();
    expect(keyProblem('judge', [], ['true'])).not.toBeNull();
    expect(keyProblem('fill', [], [['党章'], []])).toBe('第 2 个空请至少填写一个可接受的答案');
    expect(keyProblem('fill', [], [['党章']])).toBeNull();
    expect(optionsProblem('single', abcd.slice(0, 1))).toBe('选择题至少需要两个选项');
    expect(optionsProblem('single', [{ key: 'A', text: '甲' }, { key: 'C', text: '乙' }])).toBe('选项应依次为 A、B');
    expect(optionsProblem('single', [{ key: 'A', text: '甲' }, { key: 'B', text: '甲' }])).toBe('选项内容有重复');
    expect(optionsProblem('judge', abcd)).toBe('判断题和填空题不设选项');
  });

  it('describes keys in words and counts blanks', () => {
    expect(keyText('judge', [false])).toBe('错误');
    expect(keyText('multiple', ['A', 'C'])).toBe('A、C');
    expect(keyText('fill', [['党章', '中国共产党章程'], ['三']])).toBe('党章 | 中国共产党章程；三');
    expect(blanksOf('fill', [['a'], ['b']])).toBe(2);
    expect(blanksOf('single', ['A'])).toBe(0);
  });
});
