/** A JSON request body as both sandbox servers accept it: empty = {}; anything but an object = undefined (SerializationException). */
export function parseJsonObject<T>(chunks: Buffer[]): T | undefined {
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}
