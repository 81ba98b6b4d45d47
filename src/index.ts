/**
 * The action's entry point, as GitHub runs it from `dist/index.js`.
 * Everything happens in `run()`, which tests import without side effects.
 */
import { run } from './main.js'

void run()
