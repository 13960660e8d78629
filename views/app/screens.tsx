import { lazy, type ComponentType } from 'react';
import { HomeScreen } from '../home/HomeScreen.js';
import type { Screen, ScreenName } from './screen.js';

export type ScreenComponent<N extends ScreenName> = ComponentType<{ screen: Extract<Screen, { name: N }> }>;

/**
 * The component of each screen (the map is total: a screen in src/screens.ts without one does not
 * compile). All but Home load on first use (React.lazy), so their modules and the database
 * libraries they pull in are not on the path to the first frame.
 */
export const SCREENS: { [N in ScreenName]: ScreenComponent<N> } = {
  home: HomeScreen,
  import: lazy(() => import('../import/ImportScreen.js').then((m) => ({ default: m.ImportScreen }))),
  explorer: lazy(() => import('../explorer/ExplorerScreen.js').then((m) => ({ default: m.ExplorerScreen }))),
  preview: lazy(() => import('../preview/PreviewScreen.js').then((m) => ({ default: m.PreviewScreen }))),
  'run-match': lazy(() => import('../match-run/MatchRunScreen.js').then((m) => ({ default: m.MatchRunScreen }))),
  decisions: lazy(() => import('../decisions/DecisionsScreen.js').then((m) => ({ default: m.DecisionsScreen }))),
  review: lazy(() => import('../review/ReviewScreen.js').then((m) => ({ default: m.ReviewScreen }))),
  export: lazy(() => import('../export/ExportScreen.js').then((m) => ({ default: m.ExportScreen }))),
  dashboard: lazy(() => import('../dashboard/DashboardScreen.js').then((m) => ({ default: m.DashboardScreen }))),
};
