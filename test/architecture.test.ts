import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './support/documents.js';

/** The rooms of docs/ARCHITECTURE.md and what each may import, read off the source. */

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports, static or dynamic, as a path relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(file), s)).replace(/\\/g, '/'));
}

const LOWER = ['src/domain', 'src/documents', 'src/deadlines', 'src/store', 'src/timing', 'src/watch'];
const FORBIDDEN_BELOW = ['src/core', 'src/delivery', 'src/ports', 'src/app', 'adapters', 'jobs', 'cli'];

function violations(rooms: string[], forbidden: string[]): string[] {
  const out: string[] = [];
  for (const room of rooms) {
    for (const file of files(join(root, room))) {
      for (const target of importsOf(file)) {
        if (forbidden.some((f) => target === f || target.startsWith(`${f}/`) || target.startsWith(`${f}.`))) {
          out.push(`${relative(root, file)} imports ${target}`);
        }
      }
    }
  }
  return out;
}

describe('the rooms and their imports', () => {
  it('the lower rooms (domain, documents, deadlines, store, schedule rules) never import the core, delivery, adapters or jobs', () => {
    expect(violations(LOWER, FORBIDDEN_BELOW)).toEqual([]);
  });

  it('src/ imports nothing from adapters/, jobs/ or cli/', () => {
    expect(violations(['src'], ['adapters', 'jobs', 'cli'])).toEqual([]);
  });

  it('botbuilder stays inside adapters/teams/', () => {
    const outside = ['src', 'jobs', 'cli', 'adapters']
      .flatMap((room) => files(join(root, room)))
      .filter((f) => !relative(root, f).startsWith('adapters/teams/'))
      .filter((f) => /from\s+['"]botbuilder|from\s+['"]botframework-/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(outside).toEqual([]);
  });

  it('reads the imports it judges (a sanity check on the reader itself)', () => {
    expect(importsOf(join(root, 'src/store/conversations.ts'))).toContain('src/domain/conversations.js');
  });
});
