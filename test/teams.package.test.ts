import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPackageDir, buildAppPackage, manifestFor } from '../adapters/teams/appPackage.js';
import { colourIcon, iconPng, outlineIcon } from '../adapters/teams/icons.js';
import { pngInfo } from '../adapters/teams/png.js';
import { EXAMPLES, type CommandName } from '../src/core/commandSchemas.js';
import { DOCUMENT_HOSTS } from '../src/domain/documentLinks.js';
import { rapporteur } from './support/cli.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

const APP_ID = '2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21';

/**
 * Teams shows at most ten commands per scope. These are left out of its menu, on purpose; "help"
 * lists them. A new command of the core must be put in the manifest or here.
 */
const NOT_IN_TEAMS_MENU: ReadonlySet<CommandName> = new Set<CommandName>([
  'deadline-add', // admins
  'deadline-remove', // admins
  'ingest', // admins
  'fetch', // admins
  'watch', // the secretariat's, asked in words
  'watch-change', // admins
  'unfollow',
  'snooze', // from a reminder's buttons
  'done', // from a reminder's buttons
  'timezone',
  'reminder-days',
  'group', // questions asked in words: "what did the NGOs say"
  'answers',
  'paragraph',
  'grade-meaning',
  'session', // the secretariat's; both menus are full (ten each)
  'corrections', // the secretariat's; both menus are full
  'working-hours', // settings, like the time zone
  'working-days',
  'holidays',
  'mute', // in a personal chat only; "help" lists it
  'unmute',
  'calendar',
]);

interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  icons: { color: string; outline: string };
  composeExtensions: {
    botId: string;
    composeExtensionType: string;
    commands: { id: string; type: string; title: string; description: string; initialRun?: boolean; context: string[]; parameters: { name: string; title: string; description: string; inputType: string }[] }[];
    messageHandlers: { type: string; value: { domains: string[] } }[];
  }[];
  developer: { websiteUrl: string };
}

describe('Teams app package', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreWith(SEEDS);
  });
  afterAll(async () => h.cleanup());

  const manifest = () => manifestFor({ appId: APP_ID }) as unknown as Manifest;

  it('names the bot by its app id, in personal chats, teams and group chats, on manifest schema 1.22', () => {
    const m = manifest();
    expect(m.manifestVersion).toBe('1.22');
    expect(m.id).toBe(APP_ID);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] });
    expect(JSON.stringify(m)).not.toContain('{{');
  });

  it('offers commands the core understands, as Teams allows them, and leaves none out by accident', async () => {
    const lists = manifest().bots[0]!.commandLists;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    const offered = new Set<CommandName>();
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((c) => c.title)).toContain('help');
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const { title, description } of list.commands) {
        expect(title.length).toBeLessThanOrEqual(32);
        expect(description.length).toBeLessThanOrEqual(128);
        // Choosing a command puts its title in the box; the example shows how to go on.
        const example = description.match(/“([^”]+)”/)?.[1];
        expect(example, description).toBeDefined();
        expect(example!.toLowerCase().startsWith(title)).toBe(true);
        const command = (await h.core.understand(example!)).name;
        expect(EXAMPLES[command as keyof typeof EXAMPLES], `${example} → ${command}`).toContain(example);
        offered.add(command);
      }
    }
    const all = Object.keys(EXAMPLES) as CommandName[];
    expect(all.filter((c) => !offered.has(c) && !NOT_IN_TEAMS_MENU.has(c))).toEqual([]);
    expect([...NOT_IN_TEAMS_MENU].filter((c) => offered.has(c) || !all.includes(c))).toEqual([]);
  });

  it('has a message extension: a search from the message box, and previews of links to the UN’s document hosts', () => {
    const [extension, ...more] = manifest().composeExtensions;
    expect(more).toEqual([]);
    expect(extension).toMatchObject({ botId: APP_ID, composeExtensionType: 'botBased' });
    const [search, ...others] = extension!.commands;
    expect(others).toEqual([]);
    expect(search).toMatchObject({ id: 'search', type: 'query', initialRun: true, context: ['compose', 'commandBox'] });
    // Teams' limits: a title of 32 characters, descriptions of 128, at most five parameters.
    expect(search!.title.length).toBeLessThanOrEqual(32);
    expect(search!.description.length).toBeLessThanOrEqual(128);
    expect(search!.parameters.length).toBeGreaterThanOrEqual(1);
    expect(search!.parameters.length).toBeLessThanOrEqual(5);
    for (const p of search!.parameters) expect(p.description.length).toBeLessThanOrEqual(128);
    // The same hosts as the core previews, no more and no fewer.
    expect(extension!.messageHandlers).toEqual([{ type: 'link', value: { domains: [...DOCUMENT_HOSTS] } }]);
  });

  it('has a 192×192 colour icon and a 32×32 outline, white on transparent, as drawn by icons.ts', () => {
    const colour = readFileSync(join(appPackageDir(), 'color.png'));
    const outline = readFileSync(join(appPackageDir(), 'outline.png'));
    expect(pngInfo(colour)).toEqual({ width: 192, height: 192, colorType: 6 });
    expect(pngInfo(outline)).toEqual({ width: 32, height: 32, colorType: 6 });
    expect(colour.equals(iconPng(colourIcon()))).toBe(true);
    expect(outline.equals(iconPng(outlineIcon()))).toBe(true);

    const pixels = (rgba: Uint8Array) => Array.from({ length: rgba.length / 4 }, (_, i) => [...rgba.subarray(i * 4, i * 4 + 4)] as [number, number, number, number]);
    const outlinePixels = pixels(outlineIcon().rgba);
    expect(outlinePixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(outlinePixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(32 * 32 * 0.5);
    expect(pixels(colourIcon().rgba).every(([, , , a]) => a === 255)).toBe(true);
  });

  it('zips the manifest and both icons flat, as Teams takes them', async () => {
    const archive = await JSZip.loadAsync(await buildAppPackage({ appId: APP_ID, website: 'https://ohchr.example/rapporteur' }));
    expect(Object.keys(archive.files)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const inside = JSON.parse(await archive.file('manifest.json')!.async('string')) as Manifest;
    expect(inside).toMatchObject({ id: APP_ID, bots: [{ botId: APP_ID }], developer: { websiteUrl: 'https://ohchr.example/rapporteur' } });
    expect(pngInfo(Buffer.from(await archive.file('color.png')!.async('uint8array'))).width).toBe(192);
    await expect(buildAppPackage({ appId: 'rapporteur' })).rejects.toThrow(/MICROSOFT_APP_ID must be the bot's Microsoft app id, a GUID/);
    await expect(buildAppPackage({ appId: APP_ID, website: 'http://intranet/' })).rejects.toThrow(/--website must be an https:\/\/ address/);
  });

  it('rapporteur teams-package writes the zip for MICROSOFT_APP_ID, and refuses without it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rapporteur-teams-package-')), 'app.zip');
    const made = rapporteur(['teams-package', '--out', out], { MICROSOFT_APP_ID: APP_ID });
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`${out}: Teams app package for bot ${APP_ID}.`);
    expect(made.stdout).toContain('pass --website');
    const archive = await JSZip.loadAsync(readFileSync(out));
    expect(JSON.parse(await archive.file('manifest.json')!.async('string'))).toMatchObject({ id: APP_ID });

    const refused = rapporteur(['teams-package', '--out', `${out}.2`], { MICROSOFT_APP_ID: '' });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe('rapporteur: MICROSOFT_APP_ID is not set: the Teams app package names the bot by its Microsoft app id (from the Azure Bot registration) [INVALID_CONFIG]');
    expect(existsSync(`${out}.2`)).toBe(false);
  });
});
