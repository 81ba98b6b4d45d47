import * as core from '@actions/core'
import { getErrorMessage } from './errors.js'

/** Runs the action: report, approval or reactivation, chosen by inputs. */
export async function run(): Promise<void> {
  try {
    core.info('scaffold')
  } catch (error) {
    core.setFailed(getErrorMessage(error))
  }
}
