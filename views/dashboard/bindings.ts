import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { named } from '../keys/match.js';
import type { DashboardAction } from './dashboard-reducer.js';

export const dashboardBindings: readonly KeyBinding<DashboardAction | ChromeAction>[] = [
  { description: 'select', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', delta: key.upArrow ? -1 : 1 }) },
  { description: 'playlists/videos', match: named('tab'), action: { type: 'focus' } },
  helpBinding,
  backBinding,
];
