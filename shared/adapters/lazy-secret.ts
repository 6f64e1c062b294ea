/** A secret loaded on first use and kept; a failed load is not kept, so the next use tries again. */
export function lazySecret(load: () => Promise<string>): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () => {
    secret ??= load().catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return secret;
  };
}
