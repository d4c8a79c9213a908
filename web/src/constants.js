// Fixed texts and tables shared by the pages.

export const PRODUCT = '一窗'
export const CENTRE = '邵阳市政务服务中心'

// 办公时间 (shown on the public landing page).
export const OPENING_HOURS = {
  days: '工作日（法定节假日除外，调休上班日照常办公）',
  morning: '上午 9:00–12:00',
  afternoon: '下午 13:30–17:00',
}

export const ROLES = [
  { code: 'admin', name: '系统管理员' },
  { code: 'supervisor', name: '督查人员' },
  { code: 'front_desk', name: '前台受理' },
  { code: 'guide', name: '咨询导办' },
  { code: 'back_office', name: '后台审批' },
  { code: 'dept_head', name: '分管领导' },
]

const ROLE_NAME = Object.fromEntries(ROLES.map((r) => [r.code, r.name]))
export function roleName(code) {
  return ROLE_NAME[code] || code
}

// Tag colour per role, so a glance at the top bar tells who is logged in.
const ROLE_TAG = {
  admin: 'danger',
  supervisor: 'warning',
  front_desk: 'primary',
  guide: 'success',
  back_office: 'info',
  dept_head: 'primary',
}
export function roleTagType(code) {
  return ROLE_TAG[code] || 'info'
}
