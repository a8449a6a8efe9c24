import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { LIMITS, zText } from '../../../platform/validation.ts';
import type { JurisdictionService } from '../../jurisdiction/jurisdiction.service.ts';
import type { OrgService } from '../../org/org.service.ts';
import { labelled, splitPath, type TransferKind } from '../transfer.kind.ts';

export const UNIT_KIND_LABELS = {
  government: ['机关', '党政机关', '机关单位'],
  institution: ['事业单位'],
  enterprise: ['企业', '国有企业'],
  social: ['社会组织'],
  other: ['其他'],
} as const;

const RowSchema = z.object({
  name: zText(LIMITS.placeName),
  kind: z.preprocess(labelled(UNIT_KIND_LABELS), z.enum(['government', 'institution', 'enterprise', 'social', 'other'], { error: (iss) => (iss.input === undefined ? undefined : 'import.unit_kind') })),
  location: z.string().trim().max(1000).optional(),
});
type Row = z.infer<typeof RowSchema>;

export function unitsKind(org: OrgService, jurisdiction: JurisdictionService): TransferKind<Row> {
  return {
    name: 'units',
    columns: [
      { key: 'name', zh: '单位名称', en: 'Unit name', aliases: ['单位', '名称'], required: true, example: '市文物保护中心' },
      { key: 'kind', zh: '单位类型', en: 'Unit type', aliases: ['类型'], required: true, example: '事业单位', note: '机关 / 事业单位 / 企业 / 社会组织 / 其他' },
      { key: 'location', zh: '所在地', en: 'Location', aliases: ['所在辖区', '地址'], example: '新城区/东街街道', note: '辖区路径，用 / 分隔（可选）' },
    ],
    rowSchema: RowSchema,
    applier(actor, ex) {
      return async (row) => {
        let nodeId: string | null = null;
        if (row.location) {
          const node = await jurisdiction.resolvePath(actor, ex, splitPath(row.location));
          if (!node) throw new AppError('NOT_FOUND', 'location not found', [{ path: 'location', message: `not found: ${row.location}` }]);
          nodeId = node.id;
        }
        return org.importUnit(actor, { name: row.name, kind: row.kind, nodeId }, ex);
      };
    },
    async *exportRows(actor) {
      const labels = UNIT_KIND_LABELS as Record<string, readonly string[]>;
      for (const u of await org.listUnitsForExport(actor)) {
        yield { name: u.name, kind: labels[u.kind]?.[0] ?? u.kind, location: u.locationNames.join('/') };
      }
    },
  };
}
