/**
 * Equality-based label selectors as the API server reads them: `k=v`, `k==v`, `k!=v`, `k`, `!k`,
 * comma-separated (all must hold). Set-based requirements (`in`, `notin`) throw: the driver does not use them.
 */
export function labelSelectorMatches(selector: string, labels: Record<string, string>): boolean {
  if (selector.trim() === '') return true;
  return selector.split(',').every((raw) => {
    const req = raw.trim();
    if (/\s(in|notin)\s/.test(req)) throw new Error(`set-based requirement "${req}" is not implemented by the fake API server`);
    let m: RegExpMatchArray | null;
    if ((m = req.match(/^([^!=]+)!=(.*)$/))) return labels[m[1]!.trim()] !== m[2]!.trim();
    if ((m = req.match(/^([^!=]+)==?(.*)$/))) return labels[m[1]!.trim()] === m[2]!.trim();
    if ((m = req.match(/^!(.+)$/))) return !(m[1]!.trim() in labels);
    if (/^[A-Za-z0-9./_-]+$/.test(req)) return req in labels;
    throw new Error(`"${req}" is not a label selector requirement`);
  });
}
