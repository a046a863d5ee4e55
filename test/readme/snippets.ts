import * as fs from 'fs';
import * as path from 'path';

/** A fenced code block of README.md. */
export interface Snippet {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The info string (`ts`, `sh`, ...). */
  readonly info: string;
  /** The `##`/`###` heading the block is under. */
  readonly section: string;
  readonly code: string;
  /** The reason given by a `// partial: <reason>` first line, if any. */
  readonly partial?: string;
}

export const README = path.resolve(__dirname, '..', '..', 'README.md');

/** Every fenced block of a Markdown text, with the heading it is under. */
export function snippetsOf(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const out: Snippet[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) {
      section = heading[1].trim();
      continue;
    }
    const open = /^(`{3,})\s*(\S*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(fence)) body.push(lines[j++]);
    if (j >= lines.length) throw new Error(`README.md:${i + 1}: unclosed code fence`);
    const code = body.join('\n');
    const partial = /^\s*\/\/\s*partial\b:?\s*(.*)$/.exec(body[0] ?? '');
    out.push({
      line: i + 1,
      info: open[2],
      section,
      code,
      partial: partial ? partial[1].trim() : undefined,
    });
    i = j;
  }
  return out;
}

/** The TypeScript blocks of the README. */
export function typescriptSnippets(markdown = fs.readFileSync(README, 'utf8')): Snippet[] {
  return snippetsOf(markdown).filter((s) => s.info === 'ts' || s.info === 'typescript');
}

/** The first TypeScript block under the heading that starts with `heading` (the cloud snippets). */
export function snippetUnder(heading: string, markdown?: string): Snippet {
  const s = typescriptSnippets(markdown).find((x) => x.section.startsWith(heading));
  if (!s) throw new Error(`README.md has no ts block under a heading starting with '${heading}'`);
  return s;
}
