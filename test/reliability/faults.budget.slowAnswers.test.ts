/**
 * The fault matrix's time-budget cell for slow successful answers (test/reliability/faultMatrix.ts): a file of its own, so jest
 * runs it in parallel with the rest (each cell waits for a scaled-down budget to run out).
 */
import { BUDGET_CELL_NAMES, defineFaultMatrix } from './faultMatrix';

defineFaultMatrix({ responses: false, timeout: false, budgetCells: [BUDGET_CELL_NAMES[2]] });
