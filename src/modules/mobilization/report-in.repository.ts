import type { Executor } from '../../platform/db/database.ts';
import type { ReportInCodeTable } from '../../platform/db/tables/mobilization.ts';

/** Every SQL statement about the report-in codes (报到码) of places. */
export class ReportInRepository {
  constructor(private readonly ex: Executor) {}

  async findByNode(nodeId: string): Promise<ReportInCodeTable | undefined> {
    return this.ex.selectFrom('report_in_codes').selectAll().where('node_id', '=', nodeId).executeTakeFirst();
  }

  async findByHash(tokenHash: string): Promise<(ReportInCodeTable & { node_name: string; node_path: string; parent_name: string | null }) | undefined> {
    return this.ex.selectFrom('report_in_codes as c')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'c.node_id')
      .leftJoin('jurisdiction_nodes as parent', 'parent.id', 'n.parent_id')
      .selectAll('c')
      .select(['n.name as node_name', 'n.path as node_path', 'parent.name as parent_name'])
      .where('c.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** One code per place: making a new one replaces (and so invalidates) the old. */
  async replace(row: ReportInCodeTable): Promise<void> {
    await this.ex.deleteFrom('report_in_codes').where('node_id', '=', row.node_id).execute();
    await this.ex.insertInto('report_in_codes').values(row).execute();
  }
}
