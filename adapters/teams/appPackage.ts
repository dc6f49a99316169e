import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { ErrorCode, RapporteurError } from '../../src/errors.js';
import { packageRoot } from '../../src/paths.js';
import { GUID } from './config.js';
import { pngInfo } from './png.js';
import JSZip from 'jszip';

/**
 * The Teams app package: appPackage/manifest.json with the bot's app id filled in, and its two
 * icons, zipped flat as Teams wants it for upload (Teams admin centre, or "Upload a custom app").
 */

export const appPackageDir = (): string => join(packageRoot(), 'adapters', 'teams', 'appPackage');

/** Where the manifest's developer, privacy and terms links point unless told otherwise. */
export const PLACEHOLDER_WEBSITE = 'https://example.org/rapporteur';

const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface PackageOptions {
  appId: string;
  /** The page about this deployment: Teams shows it as the developer's site, privacy and terms. */
  website?: string;
}

function refuse(message: string): never {
  throw new RapporteurError(ErrorCode.InvalidConfig, message);
}

export function manifestFor(options: PackageOptions, dir = appPackageDir()): Record<string, unknown> {
  if (!GUID.test(options.appId)) refuse(`MICROSOFT_APP_ID must be the bot's Microsoft app id, a GUID (got "${options.appId}")`);
  const website = options.website ?? PLACEHOLDER_WEBSITE;
  if (!/^https:\/\/[^\s"]+$/.test(website)) refuse(`--website must be an https:// address (got "${website}")`);
  const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  const values: Record<string, string> = { MICROSOFT_APP_ID: options.appId, WEBSITE_URL: website, VERSION: version };
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The same files always give the same bytes: entries carry a fixed date. */
const FIXED_DATE = new Date('1980-01-01T00:00:00Z');

export async function buildAppPackage(options: PackageOptions, dir = appPackageDir()): Promise<Buffer> {
  const manifest = manifestFor(options, dir);
  const icons = Object.entries(ICONS).map(([name, size]) => {
    const data = readFileSync(join(dir, name));
    const { width, height } = pngInfo(data);
    if (width !== size || height !== size) refuse(`${name} must be ${size}×${size} pixels for Teams (it is ${width}×${height})`);
    return { name, data };
  });
  const archive = new JSZip();
  for (const { name, data } of [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...icons]) {
    archive.file(name, data, { date: FIXED_DATE });
  }
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** `rapporteur teams-package`: the zip for the configured MICROSOFT_APP_ID. */
export async function teamsPackage(options: { out: string; website?: string }): Promise<void> {
  const appId = loadConfig().MICROSOFT_APP_ID;
  if (!appId) refuse('MICROSOFT_APP_ID is not set: the Teams app package names the bot by its Microsoft app id (from the Azure Bot registration)');
  const out = resolve(options.out);
  writeFileSync(out, await buildAppPackage({ appId, ...(options.website ? { website: options.website } : {}) }));
  process.stdout.write(`${out}: Teams app package for bot ${appId}. Upload it in Teams under Apps › Manage your apps › Upload an app.\n`);
  if (!options.website) process.stdout.write(`Its developer, privacy and terms links point to ${PLACEHOLDER_WEBSITE}; pass --website with your organisation's page before publishing it to your organisation.\n`);
}
