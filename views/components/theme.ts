/**
 * NO_COLOR (https://no-color.org): ink's chalk does not read it, so the CLI maps it to
 * FORCE_COLOR=0 before ink loads, and components that would signal state by colour alone add
 * a character mark too (▶ for the selected row).
 */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
}
