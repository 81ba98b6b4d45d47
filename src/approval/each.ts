/** Runs one async task per item with a bound on how many run at once. */

/**
 * Calls `task` for every item, at most `concurrency` at a time, and returns
 * the results in the items' order (not the order they finished in).
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index] as T)
    }
  }
  const limit = Number.isFinite(concurrency) ? Math.floor(concurrency) : 1
  const workers = Math.min(Math.max(1, limit), Math.max(1, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return results
}
