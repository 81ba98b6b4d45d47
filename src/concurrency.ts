/** Runs one async task per item with a bound on how many run at once. */

/**
 * Calls `task` for every item, at most `limit` at a time, and returns the
 * results in the items' order (not the order they finished in). After a
 * task fails no new item starts, and the first error is thrown: callers
 * that must finish every item turn failures into results instead.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await task(items[index] as T)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const bound = Number.isFinite(limit) ? Math.floor(limit) : 1
  const workers = Math.max(1, Math.min(bound, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return results
}
