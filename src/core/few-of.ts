// A list of names said in a line: up to `max` whole, past that the first ones and how many more
// ("a, b, c, d, e and 96 more") — a wide catalog's 101 fields are not a sentence.

/** `names` joined with commas, or the first `max` − 1 of them and how many more */
export function fewOf(names: string[], max = 6): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max - 1).join(', ')} and ${names.length - (max - 1)} more`;
}
