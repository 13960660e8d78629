import { Box, Text, useApp } from 'ink';
import { Suspense, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Spinner } from '@inkjs/ui';
import { isTooSmall, TooSmall } from '../components/TooSmall/TooSmall.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { ChromeContext, type Chrome } from './chrome.js';
import { currentScreen, initialNav, navReducer, type Screen } from './screen.js';
import { SCREENS, type ScreenComponent } from './screens.js';
import { useAppKeys } from './useAppKeys.js';
import { useTerminalSize } from './useTerminalSize.js';

/** The root: the screen on top of the navigation stack, inside the shared chrome (help, size). */
export function App({ start }: { start?: Screen }) {
  const [nav, navigate] = useReducer(navReducer, start, initialNav);
  const [helpOpen, setHelpOpen] = useState(false);
  const size = useTerminalSize();
  const { exit } = useApp();
  const screen = currentScreen(nav);
  const tooSmall = isTooSmall(size);

  useEffect(() => {
    if (screen === undefined) exit();
  }, [screen, exit]);

  const screenKeys = useRef<readonly KeyBinding<unknown>[]>([]);
  const chrome = useMemo<Chrome>(
    () => ({
      helpOpen,
      tooSmall,
      size,
      screenKeys,
      handle(action: ChromeAction) {
        if (action.type === 'chrome/help') setHelpOpen((open) => !open);
        else if (action.type === 'chrome/quit') exit();
        else if (action.type === 'chrome/open') {
          setHelpOpen(false);
          navigate({ type: action.replace ? 'replace' : 'push', screen: { name: action.screen } });
        } else {
          setHelpOpen(false);
          navigate({ type: 'back' });
        }
      },
      go(next: Screen) {
        setHelpOpen(false);
        navigate({ type: 'push', screen: next });
      },
    }),
    [helpOpen, tooSmall, size, exit],
  );

  useAppKeys(chrome, screenKeys);

  if (screen === undefined) return null;
  const Component = SCREENS[screen.name] as ScreenComponent<typeof screen.name> | undefined;
  // Too small: the screen stays mounted (hidden) so it keeps its state for when the window grows.
  return (
    <ChromeContext.Provider value={chrome}>
      {tooSmall ? <TooSmall columns={size.columns} rows={size.rows} /> : null}
      <Box display={tooSmall ? 'none' : 'flex'} flexDirection="column">
        <Suspense fallback={<Spinner label="loading…" />}>
          {Component ? <Component key={nav.length} screen={screen as never} /> : <Text>The {screen.name} screen is not part of this build.</Text>}
        </Suspense>
      </Box>
    </ChromeContext.Provider>
  );
}
