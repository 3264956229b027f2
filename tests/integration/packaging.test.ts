// What the installers are built with: electron-builder.yml (Windows signing through Azure Trusted
// Signing, silent one-click NSIS, deb first, desktopName, the icon beside app.asar), its unsigned
// variant for builds without credentials, and the CI workflow that hands each packaging job only
// its own secrets and stops a tag build that lacks the release settings.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import unsignedConfig, { readBuilderConfig } from '../../scripts/electronBuilderUnsigned';

const loadCjs = createRequire(import.meta.url);
const { load } = loadCjs('js-yaml') as { load: (text: string) => unknown };

type Step = { name?: string; run?: string; env?: Record<string, string>; shell?: string };
type Job = { env?: Record<string, string>; steps: Step[]; needs?: string | string[]; if?: string };
const workflowText = readFileSync('.github/workflows/build.yml', 'utf8');
const workflow = load(workflowText) as { jobs: Record<string, Job> };
const builder = readBuilderConfig() as Record<string, Record<string, unknown>>;

const secretsIn = (value: unknown) =>
  [...JSON.stringify(value).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);

describe('electron-builder.yml', () => {
  it('signs Windows through Azure Trusted Signing, with no certificate file anywhere', () => {
    expect(builder['win']?.['azureSignOptions']).toEqual({
      publisherName: expect.any(String),
      endpoint: expect.stringMatching(/^https:\/\/[a-z]+\.codesigning\.azure\.net$/),
      codeSigningAccountName: expect.any(String),
      certificateProfileName: expect.any(String),
    });
    expect(builder['win']).not.toHaveProperty('cscLink');
    expect(builder['win']).not.toHaveProperty('signtoolOptions');
  });

  it('installs and updates on Windows silently: one click, per user', () => {
    expect(builder['nsis']).toMatchObject({ oneClick: true, perMachine: false });
    expect(builder['nsis']).not.toHaveProperty('allowToChangeInstallationDirectory');
  });

  it('builds deb first for Ubuntu, names the desktop file after desktopName, and ships the window icon', () => {
    expect(builder['linux']?.['target']).toEqual(['deb', 'AppImage']);
    expect(builder['linux']?.['syncDesktopName']).toBe(true);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { desktopName?: string };
    expect(pkg.desktopName).toBe('orderline.desktop');
    expect(builder['extraResources']).toContainEqual({ from: 'resources/icon.png', to: 'icon.png' });
  });

  it('has an unsigned variant that differs only by leaving Windows signing out', () => {
    const { win: signedWin, ...rest } = builder;
    const { azureSignOptions: _signing, ...winWithoutSigning } = signedWin ?? {};
    expect(unsignedConfig).toEqual({ ...rest, win: winWithoutSigning });
  });
});

describe('the build workflow', () => {
  const jobs = workflow.jobs;
  const OWN_SECRETS: Record<string, string[]> = {
    'package-windows': ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
    'package-macos': [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ],
    'sign-release': ['ORDERLINE_UPDATE_SIGNING_KEY'],
  };

  it('gives each job only its own secrets, and only in the step that uses them', () => {
    for (const [name, job] of Object.entries(jobs)) {
      expect(secretsIn(job.env ?? {}), `${name} must not put secrets in the job's environment`).toEqual([]);
      expect(new Set(secretsIn(job.steps)), `${name}'s secrets`).toEqual(new Set(OWN_SECRETS[name] ?? []));
      const stepsWithSecrets = job.steps.filter((step) => secretsIn(step).length > 0);
      expect(stepsWithSecrets.length, `${name}: secrets in one step only`).toBeLessThanOrEqual(1);
    }
    expect(workflowText).not.toContain('WIN_CSC_LINK');
  });

  it('packages only after the tests and the release settings check, on Node 22.12 or later', () => {
    for (const name of ['package-windows', 'package-macos', 'package-linux']) {
      expect(jobs[name]?.needs).toEqual(['test', 'release-settings']);
    }
    expect(jobs['sign-release']?.if).toBe("startsWith(github.ref, 'refs/tags/')");
    for (const version of workflowText.matchAll(/node-version: (\S+)/g)) {
      const [major = 0, minor = 0] = (version[1] ?? '').split('.').map(Number);
      expect(major > 22 || (major === 22 && minor >= 12), `node-version ${version[1]}`).toBe(true);
    }
  });

  const releaseCheck = jobs['release-settings']?.steps[0]?.run ?? '';
  const runCheck = (env: Record<string, string>) =>
    spawnSync('bash', ['-c', releaseCheck], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      encoding: 'utf8',
    });

  it('fails a tag build without the update feed or the release key, saying which', () => {
    const bare = runCheck({ GITHUB_REF: 'refs/tags/v1.2.0' });
    expect(bare.status).toBe(1);
    expect(bare.stdout).toContain('ORDERLINE_UPDATE_URL is not set');
    expect(bare.stdout).toContain('ORDERLINE_UPDATE_PUBLIC_KEY is not set');
    const noKey = runCheck({
      GITHUB_REF: 'refs/tags/v1.2.0',
      ORDERLINE_UPDATE_URL: 'https://u.example/desk',
    });
    expect(noKey.status).toBe(1);
    const complete = runCheck({
      GITHUB_REF: 'refs/tags/v1.2.0',
      ORDERLINE_UPDATE_URL: 'https://u.example/desk',
      ORDERLINE_UPDATE_PUBLIC_KEY: 'MCowBQYDK2VwAyEA',
    });
    expect(complete.status).toBe(0);
  });

  it('lets a branch or pull request build without them', () => {
    expect(runCheck({ GITHUB_REF: 'refs/heads/main' }).status).toBe(0);
    expect(runCheck({ GITHUB_REF: 'refs/pull/7/merge' }).status).toBe(0);
  });

  it('runs the packaged smoke test on every OS with the smoke build switch', () => {
    const smoke = jobs['smoke'] as Job & { strategy: { matrix: { os: string[] } } };
    expect(smoke.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    expect(smoke.env?.['ORDERLINE_SMOKE_TEST_BUILD']).toBe('1');
    // electron-builder expands the feed URL even for an unpacked Linux build.
    expect(smoke.env?.['ORDERLINE_UPDATE_URL']).toMatch(
      /^\$\{\{ vars\.ORDERLINE_UPDATE_URL \|\| 'https:\/\//,
    );
    expect(JSON.stringify(smoke.steps)).toContain('tests/smoke/playwright.config.ts');
  });
});
