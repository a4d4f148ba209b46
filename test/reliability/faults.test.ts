/** The fault matrix's response cells (test/reliability/faultMatrix.ts); its timeout and time-budget cells run in faults.timeout.test.ts and faults.budget.*.test.ts. */
import { defineFaultMatrix } from './faultMatrix';

defineFaultMatrix({ responses: true, timeout: false, budgetCells: [] });
