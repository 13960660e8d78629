// The package ships no types; only what folder-lock.ts uses.
declare module 'fs-native-extensions' {
  /** An exclusive (or shared) lock on the open file; false when another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
