import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { repoRoot } from '../support/index';

/** The README's length limit (issue 15: what a newcomer reads in five minutes). */
const README_MAX_LINES = 250;

const pages = ['README.md', ...readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (page: string): string => readFileSync(path.join(repoRoot, page), 'utf8');

/** Markdown without fenced code blocks. */
const unfenced = (md: string): string => md.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
/** ... and without inline code spans (links there are examples, not links). */
const prose = (md: string): string => unfenced(md).replace(/`[^`\n]*`/g, '');

/** Relative link targets of a page: `[text](target)` and `[label]: target`, without web and mail links. */
function relativeLinks(md: string): string[] {
  const body = prose(md);
  const inline = [...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const reference = [...body.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...reference].filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** The anchors GitHub gives a page's headings (github-slugger is its algorithm, duplicates numbered). */
function anchors(md: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = [...unfenced(md).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
  return new Set(headings.map((h) => slugger.slug(h)));
}

describe('README.md and docs/*.md', () => {
  it(`README.md stays under ${README_MAX_LINES} lines`, () => {
    expect(text('README.md').split('\n').length).toBeLessThan(README_MAX_LINES);
  });

  it.each(pages)('every relative link in %s names a file or folder that exists, and an anchor its headings have', (page) => {
    const broken: string[] = [];
    for (const link of relativeLinks(text(page))) {
      const [target, anchor] = link.split('#', 2) as [string, string | undefined];
      const file = target === '' ? path.join(repoRoot, page) : path.resolve(repoRoot, path.dirname(page), decodeURI(target));
      if (!existsSync(file)) {
        broken.push(`${link}: no ${path.relative(repoRoot, file)}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && statSync(file).isFile() && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
        broken.push(`${link}: ${path.relative(repoRoot, file)} has no heading with the anchor #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the checker finds links, anchors and broken ones (so an empty list above means something)', () => {
    const md = '# Top\n## A b: c\n[x](docs/cli.md) [y](#a-b-c) `[z](nope.md)`\n```\n[w](nope.md)\n```\n[ref]: ./data/README.md\n[web](https://example.com)\n';
    expect(relativeLinks(md)).toEqual(['docs/cli.md', '#a-b-c', './data/README.md']);
    expect([...anchors(md)]).toEqual(['top', 'a-b-c']);
  });
});
