import { describe, expect, it } from 'vitest';
import { gradeOf } from './grades.js';

describe('gradeOf', () => {
  it('maps probabilities of default to grades at the band edges', () => {
    expect(gradeOf(0)).toBe('A');
    expect(gradeOf(0.0199)).toBe('A');
    expect(gradeOf(0.02)).toBe('B');
    expect(gradeOf(0.099)).toBe('C');
    expect(gradeOf(0.1)).toBe('D');
    expect(gradeOf(0.2)).toBe('E');
    expect(gradeOf(1)).toBe('E');
  });
});
