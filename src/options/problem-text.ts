import { i18n } from '#i18n';
import { type Problem, problemWordings, wordProblem } from '../factsheet/problems';

const WORDINGS = problemWordings(i18n.t);

/**
 * The "Why" of a fact-sheet problem in the interface language, worded from its code and
 * parameters (src/factsheet/problems.ts). Names, ids, numbers and examples come from the
 * parameters unchanged.
 */
export function problemText(problem: Problem): string {
  return wordProblem(problem, WORDINGS);
}
