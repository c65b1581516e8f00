import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const token = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('npm', ['run', '-s', 'token', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, HUB_ENVIRONMENT: '', LOCAL_STACK_STATE_FILE: '/nonexistent/stack.json', ...env },
  });

describe('npm run token', () => {
  it('lists the demo users with their councils and roles', () => {
    const result = token(['--list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /sam\.smith@huntingdonshire\.example\s+Sam Smith\s+3c-ict\/HDC\s+staff, partnership-admin/,
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(15);
  });

  it('refuses to run in production', () => {
    const result = token(['--list'], { HUB_ENVIRONMENT: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/local development only/);
  });

  it('says how to start the product when it is not running, and names unknown users', () => {
    expect(token(['sam.smith@huntingdonshire.example']).stderr).toMatch(/start it with npm start/);
    expect(token(['nobody@nowhere.example']).stderr).toMatch(/not a demo user/);
  });
});
