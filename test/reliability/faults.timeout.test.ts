/**
 * The fault matrix's timeout cell (test/reliability/faultMatrix.ts): hanging answers against short per-attempt
 * timeouts, in a file of its own so jest runs its waits in parallel with the rest.
 */
import { defineFaultMatrix } from './faultMatrix';

defineFaultMatrix({ responses: false, timeout: true, budgetCells: [] });
