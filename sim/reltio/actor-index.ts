/**
 * Log entries grouped by actor, so per-user searches stay fast on a large
 * customer. Tests may push entries into the live arrays: the index rebuilds
 * when the array or its length changes.
 */

/** Records of one actor (matched ignoring case), in their array order. */
export class ActorIndex<T> {
  private readonly source: () => T[]
  private readonly actorOf: (record: T) => string
  private groups = new Map<string, T[]>()
  private seenArray: T[] | null = null
  private seenLength = -1

  constructor(source: () => T[], actorOf: (record: T) => string) {
    this.source = source
    this.actorOf = actorOf
  }

  /** The records whose actor is `actor`. */
  of(actor: string): T[] {
    this.refresh()
    return this.groups.get(actor.toLowerCase()) ?? []
  }

  private refresh(): void {
    const records = this.source()
    if (records === this.seenArray && records.length === this.seenLength) {
      return
    }
    this.groups = new Map()
    for (const record of records) {
      const key = this.actorOf(record).toLowerCase()
      const group = this.groups.get(key)
      if (group) group.push(record)
      else this.groups.set(key, [record])
    }
    this.seenArray = records
    this.seenLength = records.length
  }
}
