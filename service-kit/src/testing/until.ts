/**
 * Polls `check` until it returns a value other than undefined (a throw counts as not yet), at most `tries`
 * times `intervalMs` apart. For tests that wait for real servers; it asserts nothing about time.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined>, options: { readonly tries?: number; readonly intervalMs?: number } = {}): Promise<T> {
  const { tries = 400, intervalMs = 25 } = options;
  for (let i = 0; i < tries; i++) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
