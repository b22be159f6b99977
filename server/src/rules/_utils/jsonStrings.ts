/** Offsets inside JSON string values, so findings in package.json can point at part of a script. */
import type { OffsetRange } from '../../engine/types';

/**
 * Maps a range of a JSON string's decoded value to offsets in the file. `valueRange` is the
 * range of the string token, quotes included, as package.json locations give it.
 */
export function jsonStringSubrange(text: string, valueRange: OffsetRange, decoded: OffsetRange): OffsetRange {
  const offsets: number[] = [];
  let i = valueRange[0] + 1;
  const end = valueRange[1] - 1;
  while (i < end) {
    offsets.push(i);
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  offsets.push(end);
  const at = (index: number) => offsets[Math.min(Math.max(index, 0), offsets.length - 1)];
  return [at(decoded[0]), at(decoded[1])];
}
