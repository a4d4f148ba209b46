/**
 * Every registered trigger truth and scenario: import this module to run them (the bench section, the jest
 * subset). Add a line per file of scenarios.
 */
import './contactScenarios';
import './burstScenarios';
import './tasks';
