/** What every tab of the duty page is given. */
export interface DutyTabProps {
  /** The jurisdiction node chosen at the top of the page (null: all in reach). */
  nodeId: string | null;
  canWrite: boolean;
  /** Phone-sized screen: lists instead of wide tables. */
  compact: boolean;
}
