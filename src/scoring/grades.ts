/**
 * Grades by probability of default, not by score: a grade then means the same risk whatever
 * a scorecard's scaling, and lenders' cut-offs can be read as default rates.
 */
export const GRADES = [
  { grade: 'A', maxPd: 0.02 },
  { grade: 'B', maxPd: 0.05 },
  { grade: 'C', maxPd: 0.1 },
  { grade: 'D', maxPd: 0.2 },
  { grade: 'E', maxPd: 1 },
] as const;

export type Grade = (typeof GRADES)[number]['grade'];

export function gradeOf(probabilityOfDefault: number): Grade {
  for (const { grade, maxPd } of GRADES) if (probabilityOfDefault < maxPd) return grade;
  return 'E';
}
