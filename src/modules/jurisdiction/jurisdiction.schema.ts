import { z } from 'zod';
import { LIMITS, zId, zOptionalText, zText } from '../../platform/validation.ts';

export const zLevelCode = z.string().regex(/^[a-z][a-z_]{1,31}$/, 'level code: lower-case letters and _');

export const LevelInput = z.object({
  code: zLevelCode,
  nameZh: zText(20),
  nameEn: zText(40),
  rank: z.number().int().min(1).max(1000),
});
export type TLevelInput = z.infer<typeof LevelInput>;

export const NodeCreateInput = z.object({
  /** Client-made id (optional) so a retried create does not make a second node. */
  id: zId.optional(),
  parentId: zId.nullable(),
  levelCode: zLevelCode,
  name: zText(LIMITS.placeName),
  code: zOptionalText(LIMITS.code),
});
export type TNodeCreateInput = z.infer<typeof NodeCreateInput>;

export const NodeUpdateInput = z.object({
  name: zText(LIMITS.placeName).optional(),
  code: zOptionalText(LIMITS.code),
});
export type TNodeUpdateInput = z.infer<typeof NodeUpdateInput>;

export const NodeMoveInput = z.object({ newParentId: zId });
export type TNodeMoveInput = z.infer<typeof NodeMoveInput>;

export const NodeChildrenQuery = z.object({ parentId: zId.optional() });
export const NodeSearchQuery = z.object({ q: zText(LIMITS.search), limit: z.coerce.number().int().min(1).max(100).default(30) });

export interface JurisdictionLevel {
  code: string;
  nameZh: string;
  nameEn: string;
  rank: number;
}

export interface JurisdictionNode {
  id: string;
  parentId: string | null;
  levelCode: string;
  name: string;
  code: string | null;
  depth: number;
  childCount: number;
}

export interface JurisdictionNodeDetail extends JurisdictionNode {
  /** From the top of the actor's reach down to the parent, for breadcrumbs. */
  ancestors: Array<{ id: string; name: string; levelCode: string }>;
}

export interface NodeSearchHit {
  id: string;
  name: string;
  levelCode: string;
  /** Names from the top of the tree, e.g. 新城区 / 东街街道 / 幸福社区. */
  pathNames: string[];
}

/** Default levels; a deployment edits them (they are data). Town/village sit at street/community rank. */
export const DEFAULT_LEVELS: TLevelInput[] = [
  { code: 'district', nameZh: '区', nameEn: 'District', rank: 10 },
  { code: 'street', nameZh: '街道', nameEn: 'Street', rank: 20 },
  { code: 'town', nameZh: '镇', nameEn: 'Town', rank: 20 },
  { code: 'community', nameZh: '社区', nameEn: 'Community', rank: 30 },
  { code: 'village', nameZh: '村', nameEn: 'Village', rank: 30 },
  { code: 'compound', nameZh: '小区', nameEn: 'Compound', rank: 40 },
  { code: 'building', nameZh: '楼栋', nameEn: 'Building', rank: 50 },
  { code: 'entrance', nameZh: '单元', nameEn: 'Entrance', rank: 60 },
  { code: 'household', nameZh: '户', nameEn: 'Household', rank: 70 },
];
