import type { MatrixPart } from '../../test/matrix';

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const quizMatrix: MatrixPart = {};
