// A tolerant reader for the literal part of HCL expressions found inside Terraform JSON
// templates, such as `${jsonencode({ Version = "2012-10-17", Statement = [...] })}` or
// `${toset(["a", "b"])}`. Literals (objects, tuples, strings, numbers, bools, null) become JSON
// values; anything the reader does not evaluate (references, function calls, operators,
// conditionals, `for` expressions) becomes the string `${<source text>}`, which the compliance
// rules treat as a value known only at plan or apply time.

/** Thrown when the text is not a well-formed expression. */
class HclSyntaxError extends Error {}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  public parseAll(): any {
    const v = this.expression();
    this.skipSpace();
    if (this.pos !== this.text.length) throw new HclSyntaxError(`unexpected '${this.peek()}'`);
    return v;
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  /** Skips blanks, newlines and comments. */
  private skipSpace(): void {
    this.skipBlanks(true);
  }

  /** Skips blanks and comments up to the end of the line. */
  private skipBlanksOnLine(): void {
    this.skipBlanks(false);
  }

  private skipBlanks(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.text.charAt(this.pos + 1) === '/')) {
        while (this.pos < this.text.length && this.peek() !== '\n') this.pos++;
      } else if (c === '/' && this.text.charAt(this.pos + 1) === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }

  /**
   * One expression; a non-literal one is returned as `${source}`. In an object a newline ends
   * an attribute's expression, as a comma does (`lineEnds`); in a tuple, in parentheses and at
   * the top level HCL reads across newlines.
   */
  private expression(lineEnds = false): any {
    this.skipSpace();
    const start = this.pos;
    const value = this.operand(lineEnds);
    // Anything that follows an operand inside the same expression (operators, a conditional,
    // an index into a literal) makes the whole expression non-literal.
    if (lineEnds) this.skipBlanksOnLine();
    else this.skipSpace();
    if (this.atExpressionEnd(lineEnds)) return value;
    this.skipToExpressionEnd(lineEnds);
    return `\${${this.text.slice(start, this.pos).trim()}}`;
  }

  private atExpressionEnd(lineEnds: boolean): boolean {
    const c = this.peek();
    return c === '' || c === ',' || c === '}' || c === ']' || c === ')' || (lineEnds && c === '\n');
  }

  /** Skips balanced text up to the end of the current expression. */
  private skipToExpressionEnd(lineEnds: boolean): void {
    let depth = 0;
    this.scanUntil((c) => {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return true;
        depth--;
      } else if (depth === 0 && (c === ',' || (lineEnds && c === '\n'))) return true;
      return false;
    });
  }

  /**
   * Moves on, over string literals whole, to the first character where `stop` holds (left
   * unread); false when the text ends first.
   */
  private scanUntil(stop: (c: string) => boolean): boolean {
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === '"') {
        this.stringLiteral();
        continue;
      }
      if (stop(c)) return true;
      this.pos++;
    }
    return false;
  }

  private operand(lineEnds: boolean): any {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.stringLiteral();
    if (c === '<' && this.text.startsWith('<<', this.pos)) return this.heredoc();
    NUMBER.lastIndex = this.pos;
    const num = NUMBER.exec(this.text);
    if (num && (c === '-' || /\d/.test(c))) {
      this.pos = NUMBER.lastIndex;
      return Number(num[0]);
    }
    IDENT.lastIndex = this.pos;
    const id = IDENT.exec(this.text);
    if (!id) {
      // an operator or a parenthesized expression: not a literal
      const start = this.pos;
      if (c === '(') this.balanced('(', ')');
      else this.pos++;
      this.skipToExpressionEnd(lineEnds);
      return `\${${this.text.slice(start, this.pos).trim()}}`;
    }
    const start = this.pos;
    this.pos = IDENT.lastIndex;
    const word = id[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      const after = this.peek();
      if (!/[.[(]/.test(after)) return word === 'null' ? null : word === 'true';
    }
    // a traversal (random_id.x.hex, var.y[0], each.value) or a function call
    for (;;) {
      const n = this.peek();
      if (n === '.') {
        this.pos++;
        if (this.peek() === '*') this.pos++;
        else {
          IDENT.lastIndex = this.pos;
          NUMBER.lastIndex = this.pos;
          const part = IDENT.exec(this.text) ?? NUMBER.exec(this.text);
          if (!part) throw new HclSyntaxError('bad traversal');
          this.pos += part[0].length;
        }
      } else if (n === '[') this.balanced('[', ']');
      else if (n === '(') this.balanced('(', ')');
      else break;
    }
    return `\${${this.text.slice(start, this.pos)}}`;
  }

  private balanced(open: string, close: string): void {
    let depth = 0;
    const closed = this.scanUntil((c) => {
      if (c === open) depth++;
      else if (c === close) return --depth === 0;
      return false;
    });
    if (!closed) throw new HclSyntaxError(`unbalanced '${open}'`);
    this.pos++;
  }

  private object(): any {
    const start = this.pos;
    this.pos++; // {
    const out: { [k: string]: any } = {};
    while (this.nextElement('}', 'object')) {
      if (this.atFor()) {
        // a `for` expression: not a literal
        return this.forExpression(start, '{', '}');
      }
      let key: string;
      if (this.peek() === '"') {
        const k = this.stringLiteral();
        if (typeof k !== 'string' || k.includes('${')) throw new HclSyntaxError('computed key');
        key = k;
      } else if (this.peek() === '(') {
        throw new HclSyntaxError('computed key');
      } else {
        IDENT.lastIndex = this.pos;
        const id = IDENT.exec(this.text);
        if (!id) throw new HclSyntaxError('bad object key');
        key = id[0];
        this.pos = IDENT.lastIndex;
      }
      this.skipSpace();
      const sep = this.peek();
      if (sep !== '=' && sep !== ':') throw new HclSyntaxError(`expected '=' after ${key}`);
      this.pos++;
      out[key] = this.expression(true);
    }
    return out;
  }

  private tuple(): any {
    const start = this.pos;
    this.pos++; // [
    const out: any[] = [];
    while (this.nextElement(']', 'tuple')) {
      if (this.atFor()) return this.forExpression(start, '[', ']');
      out.push(this.expression());
    }
    return out;
  }

  /**
   * Moves to the next element of an object or tuple: false once past its closing bracket;
   * throws when the text ends first.
   */
  private nextElement(close: string, what: string): boolean {
    this.skipSpaceAndCommas();
    if (this.peek() === close) {
      this.pos++;
      return false;
    }
    if (this.peek() === '') throw new HclSyntaxError(`unterminated ${what}`);
    return true;
  }

  /** True at the keyword `for` that opens a `for` expression (followed by a blank or newline). */
  private atFor(): boolean {
    return /^for\s/.test(this.text.slice(this.pos, this.pos + 4));
  }

  /** A `for` expression from `start` to its closing bracket, kept as `${...}` (not a literal). */
  private forExpression(start: number, open: string, close: string): string {
    this.pos = start;
    this.balanced(open, close);
    return `\${${this.text.slice(start, this.pos)}}`;
  }

  private skipSpaceAndCommas(): void {
    for (;;) {
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
      else return;
    }
  }

  /** A quoted template: escapes decoded, interpolations kept as `${...}`. */
  private stringLiteral(): string {
    this.pos++; // "
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = this.text.charAt(this.pos + 1);
        const map: { [k: string]: string } = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (n === 'u') {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          out += map[n] ?? n;
          this.pos += 2;
        }
        continue;
      }
      if ((c === '$' || c === '%') && this.text.charAt(this.pos + 1) === c) {
        // `$${` and `%%{` are escapes for a literal `${` / `%{`: keep them escaped
        out += c + c;
        this.pos += 2;
        continue;
      }
      if ((c === '$' || c === '%') && this.text.charAt(this.pos + 1) === '{') {
        const start = this.pos;
        this.pos++;
        this.balanced('{', '}');
        out += this.text.slice(start, this.pos);
        continue;
      }
      out += c;
      this.pos++;
    }
    throw new HclSyntaxError('unterminated string');
  }

  private heredoc(): string {
    const m = /<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/y;
    m.lastIndex = this.pos;
    const head = m.exec(this.text);
    if (!head) throw new HclSyntaxError('bad heredoc');
    const end = new RegExp(`\\n[ \\t]*${head[1]}(?=\\s|$)`, 'g');
    end.lastIndex = m.lastIndex - 1;
    const e = end.exec(this.text);
    if (!e) throw new HclSyntaxError('unterminated heredoc');
    const body = this.text.slice(m.lastIndex, e.index + 1);
    this.pos = e.index + e[0].length;
    return body;
  }
}

/**
 * Reads an HCL expression's literal value. Non-literal parts come back as `${source}` strings;
 * returns `undefined` when the text is not a well-formed expression.
 */
export function readHclExpression(text: string): any {
  try {
    return new Reader(text).parseAll();
  } catch (e) {
    if (e instanceof HclSyntaxError) return undefined;
    throw e;
  }
}

/**
 * The inner expression of a template that is exactly one interpolation (`${ ... }`), or
 * undefined for any other string.
 */
export function soleInterpolation(value: string): string | undefined {
  if (!value.startsWith('${') || !value.endsWith('}')) return undefined;
  // the first `${` must close at the very end
  let depth = 0;
  let inString = false;
  for (let i = 1; i < value.length; i++) {
    const c = value.charAt(i);
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i === value.length - 1 ? value.slice(2, -1).trim() : undefined;
    }
  }
  return undefined;
}
