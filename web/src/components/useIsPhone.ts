import { Grid } from 'antd';

/** Below 768 px: one column, drawers full width, lists instead of wide tables. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}
