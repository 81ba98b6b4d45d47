/**
 * The live users, keyed by username. It is the `users` Map tests see, and
 * it caches the serialized list so `GET /oauth/users` stays fast at 100,000
 * users.
 */
import type { SimUser } from './types.ts'

/**
 * A Map that drops its caches whenever it hands out or replaces a user:
 * a test that edits `users.get(name)` in place must see the edit served.
 * Routes read through `peek`/`find`/`listJson`, which keep the caches.
 */
export class UserStore extends Map<string, SimUser> {
  private lists: Map<string, Buffer> | undefined
  private byEmail: Map<string, string> | undefined

  override get(username: string): SimUser | undefined {
    this.invalidate()
    return super.get(username)
  }

  override set(username: string, user: SimUser): this {
    this.invalidate()
    return super.set(username, user)
  }

  override delete(username: string): boolean {
    this.invalidate()
    return super.delete(username)
  }

  override clear(): void {
    this.invalidate()
    super.clear()
  }

  override values(): MapIterator<SimUser> {
    this.invalidate()
    return super.values()
  }

  override entries(): MapIterator<[string, SimUser]> {
    this.invalidate()
    return super.entries()
  }

  override [Symbol.iterator](): MapIterator<[string, SimUser]> {
    return this.entries()
  }

  override forEach(
    callback: (
      user: SimUser,
      username: string,
      map: Map<string, SimUser>
    ) => void
  ): void {
    this.invalidate()
    super.forEach(callback)
  }

  /** Reads a user without dropping the caches. */
  peek(username: string): SimUser | undefined {
    return super.get(username)
  }

  /** A user by username, or by email ignoring case. */
  find(usernameOrEmail: string): SimUser | undefined {
    const exact = super.get(usernameOrEmail)
    if (exact) return exact
    this.byEmail ??= this.indexEmails()
    const username = this.byEmail.get(usernameOrEmail.toLowerCase())
    return username === undefined ? undefined : super.get(username)
  }

  /** Stores a user the routes changed, dropping the caches. */
  put(user: SimUser): void {
    this.set(String(user.username), user)
  }

  /** The customer's users as one serialized JSON array. */
  listJson(customer: string): Buffer {
    this.lists ??= new Map()
    let cached = this.lists.get(customer)
    if (!cached) {
      const visible = [...super.values()].filter(
        (user) => user.customer === undefined || user.customer === customer
      )
      cached = Buffer.from(JSON.stringify(visible))
      this.lists.set(customer, cached)
    }
    return cached
  }

  private indexEmails(): Map<string, string> {
    const index = new Map<string, string>()
    for (const [username, user] of super.entries()) {
      if (typeof user.email === 'string') {
        index.set(user.email.toLowerCase(), username)
      }
      index.set(username.toLowerCase(), username)
    }
    return index
  }

  // Optional chaining: Map's constructor may call set() before the fields
  // of this subclass exist.
  private invalidate(): void {
    this.lists?.clear()
    this.byEmail = undefined
  }
}
