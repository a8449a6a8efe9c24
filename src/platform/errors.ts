// The one error-code table. Services throw AppError(code, ...); the HTTP layer maps code → status here and
// nowhere else; the web app shows `zh`/`en` by code. Pure, so the browser imports the same table.
export const ERRORS = {
  VALIDATION: { status: 400, zh: '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求无法处理', en: 'The request cannot be processed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  FORBIDDEN: { status: 403, zh: '无权进行此操作', en: 'You are not allowed to do this' },
  CSRF: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page is stale; reload and try again' },
  NOT_FOUND: { status: 404, zh: '记录不存在或不在您的辖区内', en: 'Not found, or outside your jurisdiction' },
  CONFLICT: { status: 409, zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  HAS_DEPENDENTS: { status: 409, zh: '仍有下级或关联记录，不能删除', en: 'Other records still depend on this' },
  INVALID_MOVE: { status: 409, zh: '不能移动到该位置', en: 'Cannot move it there' },
  INVALID_LEVEL: { status: 422, zh: '层级不符合上下级关系', en: 'That level cannot sit under this parent' },
  IMPORT_INVALID: { status: 422, zh: '导入文件有错误行，未导入任何数据', en: 'The file has invalid rows; nothing was imported' },
  IMPORT_FILE: { status: 400, zh: '无法读取导入文件', en: 'The import file cannot be read' },
  WEAK_PASSWORD: { status: 422, zh: '密码不符合要求', en: 'The password does not meet the rules' },
  LOGIN_THROTTLED: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  RATE_LIMITED: { status: 429, zh: '提交过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  // nat (nucleic-acid testing: personal codes and completion certificates)
  NAT_CODE_INVALID: { status: 422, zh: '个人码无效（无法识别或已被篡改）', en: 'The personal code is not valid (unreadable or altered)' },
  NAT_CODE_REVOKED: { status: 422, zh: '个人码已作废，请使用新换发的码', en: 'This personal code was replaced; use the newly issued code' },
  NAT_NOT_SAMPLED: { status: 409, zh: '本轮尚未采样，无法出具完成证明', en: 'Not sampled in this round yet; no certificate' },
  // nat desk (tubes, scans, bags, door-to-door sampling)
  NAT_ROUND_NOT_OPEN: { status: 409, zh: '本轮检测未开始或已结束', en: 'The round is not open for sampling' },
  NAT_TUBE_CLOSED: { status: 409, zh: '采样管已封管，请扫描新的采样管', en: 'The tube is closed; scan a new tube' },
  NAT_TUBE_TAKEN: { status: 409, zh: '该采样管条码本轮已使用', en: 'This tube barcode is already used in the round' },
  NAT_NOT_IN_ROUND: { status: 422, zh: '该居民不在本轮检测范围内', en: 'This resident is not in the round\'s area' },
  NAT_BAG_STATE: { status: 409, zh: '转运袋状态不允许此操作', en: 'The bag cannot take this action in its state' },
  // nat results (lab results, positive pools, cases)
  NAT_RESULT_CONFLICT: { status: 409, zh: '该采样管已有不同的检测结果，更正须明确标明', en: 'The tube already has a different result; mark it as a correction' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  /** Field path ("name", "rows.3.phone") or spreadsheet position ("row 4, 身份证号"). */
  path?: string;
  row?: number;
  column?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message?: string, details: ErrorDetail[] = []) {
    super(message ?? ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

/** Shape of every error body the API sends. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}
