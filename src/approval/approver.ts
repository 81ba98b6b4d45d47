/** Who may approve a plan: the `approvers` input against the run's actor. */
import { ApprovalError } from '../errors.js'

/**
 * Throws unless `actor` is one of `approvers`; an empty list lets anyone who
 * can run the workflow approve. GitHub logins are case-insensitive.
 * @throws ApprovalError naming the actor and the `approvers` input.
 */
export function checkApprover(actor: string, approvers: string[]): void {
  const allowed = approvers.map(normalizeLogin).filter((l) => l !== '')
  if (allowed.length === 0) return
  const login = normalizeLogin(actor)
  if (login !== '' && allowed.includes(login)) return
  const who = actor.trim() === '' ? 'an unknown actor' : `"${actor.trim()}"`
  throw new ApprovalError(
    `The approval was run by ${who}, who is not in the approvers input ` +
      `(${approvers.join(', ')}). Ask one of them to run it, or add the ` +
      `login to approvers.`
  )
}

/** Logins are compared without case and without a leading `@`. */
function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '').toLowerCase()
}
