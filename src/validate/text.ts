/**
 * UTF-8 text from a file's bytes, or undefined when the bytes are not text (a NUL byte in the first 8000, or
 * invalid UTF-8). A byte-order mark is dropped. Pure.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
