// The words a record is found by: lower-cased, accents folded, split on anything that is not a
// letter or digit. The same function splits what a person types, so both sides always agree.

const MAX_WORDS = 40;

/** "Crème Brûlée  T-shirt" → ["creme", "brulee", "t", "shirt"]: folded, de-duplicated, in order. */
export function searchWords(...texts: ReadonlyArray<string | undefined | null>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
      if (word) words.add(word);
      if (words.size >= MAX_WORDS) return [...words];
    }
  }
  return [...words];
}

/** Digits only, so "+44 (0)20 7946-0018" is found by typing "7946". */
export function phoneDigits(phone: string | undefined | null): string {
  return (phone ?? '').replace(/\D/g, '');
}
