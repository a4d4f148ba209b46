/** The fault matrix's response cells (test/reliability/faultMatrix.ts); its time-budget cells run in faults.budget.*.test.ts. */
import { defineFaultMatrix } from './faultMatrix';

defineFaultMatrix({ responses: true, budgetCells: [] });
