// The catalogue's fixed vocabularies, as the server spells them (docs/hall.md, src/domain/matter.c).

// The seven on-application matter types of Annex 2, in its order.
export const MATTER_TYPES = [
  { code: '01', name: '行政许可' },
  { code: '05', name: '行政给付' },
  { code: '07', name: '行政确认' },
  { code: '08', name: '行政奖励' },
  { code: '09', name: '行政裁决' },
  { code: '10', name: '其他行政权力' },
  { code: '20', name: '公共服务' },
]
const TYPE_NAME = Object.fromEntries(MATTER_TYPES.map((t) => [t.code, t.name]))
export const typeName = (c) => TYPE_NAME[c] || c || ''

// Window classes a matter is handled at (matters.window_class).
export const WINDOW_CLASSES = [
  { code: 'undifferentiated', short: '无差别', name: '无差别综合窗口', tag: 'success' },
  { code: 'domain', short: '分领域', name: '分领域综合窗口', tag: 'primary' },
  { code: 'convenience', short: '便民', name: '便民服务窗口', tag: 'info' },
  { code: 'enterprise', short: '专厅', name: '企业服务专厅', tag: 'warning' },
  { code: 'department', short: '部门', name: '部门窗口', tag: 'danger' },
]
const WC = Object.fromEntries(WINDOW_CLASSES.map((w) => [w.code, w]))
export const windowClassShort = (c) => (WC[c] ? WC[c].short : c || '')
export const windowClassName = (c) => (WC[c] ? WC[c].name : c || '')
export const windowClassTag = (c) => (WC[c] ? WC[c].tag : 'info')

// Zone kinds: the window classes plus the online 虚拟窗口.
export const ZONE_KINDS = [
  ...WINDOW_CLASSES.map((w) => ({ code: w.code, name: w.short })),
  { code: 'virtual', name: '虚拟窗口' },
]

export const MATERIAL_FORMS = [
  { code: 'original', name: '原件' },
  { code: 'copy', name: '复印件' },
  { code: 'original_and_copy', name: '原件及复印件' },
]
const FORM_NAME = Object.fromEntries(MATERIAL_FORMS.map((f) => [f.code, f.name]))
export const formName = (c) => FORM_NAME[c] || c || ''

// A limit in working days; 0 = 即办件 (done on the spot).
export function limitText(n) {
  if (n === 0) return '即办件'
  if (n == null || n === '') return '—'
  return `${n} 个工作日`
}

export const CODE_KIND = { national: '国家实施编码', local: '地方编码' }

export const MATCH_FIELD = { name: '名称', alias: '别名', code: '编码', department: '部门', material: '材料' }

// The text as lines (conditions are one per line).
export function lines(s) {
  return String(s || '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}
