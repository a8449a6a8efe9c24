import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { LIMITS, zOptionalText, zText } from '../../../platform/validation.ts';
import type { JurisdictionService } from '../../jurisdiction/jurisdiction.service.ts';
import { splitPath, type TransferKind } from '../transfer.kind.ts';

const RowSchema = z.object({
  parentPath: z.string().trim().max(1000).optional(),
  level: zText(40),
  name: zText(LIMITS.placeName),
  code: zOptionalText(LIMITS.code),
});
type Row = z.infer<typeof RowSchema>;

/** The tree as rows of (parent path, level, name, code); parents come before children in the file. */
export function jurisdictionKind(jurisdiction: JurisdictionService): TransferKind<Row> {
  return {
    name: 'jurisdiction',
    columns: [
      { key: 'parentPath', zh: '上级路径', en: 'Parent path', aliases: ['上级', '所属上级', 'parent'], example: '新城区/东街街道', note: '从顶层起的上级名称，用 / 分隔；顶层节点留空' },
      { key: 'level', zh: '层级', en: 'Level', aliases: ['级别', '类型', '层级类型'], required: true, example: '社区', note: '区、街道、镇、社区、村、小区、楼栋、单元、户（或层级代码）' },
      { key: 'name', zh: '名称', en: 'Name', aliases: ['节点名称', '名字'], required: true, example: '幸福社区' },
      { key: 'code', zh: '编码', en: 'Code', aliases: ['区划代码', '代码', '行政区划代码'], example: '150102001001', note: '可选，如行政区划代码' },
    ],
    rowSchema: RowSchema,
    applier(actor, ex) {
      let levels: Map<string, string> | undefined;
      return async (row) => {
        levels ??= new Map((await jurisdiction.listLevels(actor, ex)).flatMap((l) => [[l.code, l.code], [l.nameZh, l.code], [l.nameEn.toLowerCase(), l.code]]));
        const levelCode = levels.get(row.level) ?? levels.get(row.level.toLowerCase());
        if (!levelCode) throw new AppError('VALIDATION', 'unknown level', [{ path: 'level', message: `unknown level: ${row.level}` }]);
        const names = splitPath(row.parentPath);
        let parentId: string | null = null;
        if (names.length > 0) {
          const parent = await jurisdiction.resolvePath(actor, ex, names);
          if (!parent) throw new AppError('NOT_FOUND', 'parent not found', [{ path: 'parentPath', message: `not found: ${names.join('/')}` }]);
          parentId = parent.id;
        }
        const { outcome } = await jurisdiction.importOne(actor, ex, { parentId, levelCode, name: row.name, code: row.code ?? null });
        return outcome;
      };
    },
    async *exportRows(actor) {
      const levels = new Map((await jurisdiction.listLevels(actor)).map((l) => [l.code, l.nameZh]));
      for await (const r of jurisdiction.exportRows(actor)) {
        yield { parentPath: r.parentPath, level: levels.get(r.levelCode) ?? r.levelCode, name: r.name, code: r.code };
      }
    },
  };
}
