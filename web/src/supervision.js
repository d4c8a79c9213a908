// Supervision and evaluation (督办, 好差评) as the server spells it (docs/supervision.md,
// docs/api.md "Supervision and evaluation"): warning levels with their colours, the states of
// orders, rectifications and appeals, rating levels and stages, and small helpers.
import { centreDateTime } from './cases.js'

// The board's levels with the colours of the case lists: 预警 amber, 黄牌 yellow, 红牌 red.
export const BOARD_LEVELS = [
  { code: 'red', name: '红牌', color: '#d9363e', text: '#fff', hint: '超期 3 个工作日以上' },
  { code: 'yellow', name: '黄牌', color: '#ffd60a', text: '#3d3200', hint: '已超过法定期限' },
  { code: 'warn', name: '预警', color: '#f7a11a', text: '#fff', hint: '剩 2 个工作日以内' },
  { code: 'none', name: '正常', color: '#6b9bd1', text: '#fff', hint: '期限内' },
]
export const LEVEL_OF = Object.fromEntries(BOARD_LEVELS.map((l) => [l.code, l]))

// Rating levels (the public page takes the labels from the API; staff lists use these).
export const RATING_LEVELS = [
  { level: 1, label: '非常满意', color: '#1a7f37' },
  { level: 2, label: '满意', color: '#4c9a2a' },
  { level: 3, label: '基本满意', color: '#8a8f00' },
  { level: 4, label: '不满意', color: '#d46b08' },
  { level: 5, label: '非常不满意', color: '#c8372b' },
]
export const ratingColor = (n) => (RATING_LEVELS.find((l) => l.level === n) || {}).color || '#6b7785'
export const isBad = (n) => n >= 4

export const RATING_STAGES = [
  { code: 'accept', name: '受理服务' },
  { code: 'result', name: '办理结果' },
  { code: 'rectification', name: '整改复评' },
]
export const CHANNELS = { window: '窗口评价器', qr: '扫码评价', online: '网上评价' }

export const ORDER_STATES = [
  { code: 'open', name: '待回复', type: 'warning' },
  { code: 'replied', name: '已回复', type: 'primary' },
  { code: 'closed', name: '已办结', type: 'success' },
]
export const orderStateType = (s) => (ORDER_STATES.find((x) => x.code === s) || {}).type || 'info'

export const RECT_STATES = [
  { code: 'open', name: '待回访', type: 'danger' },
  { code: 'called_back', name: '已回访', type: 'warning' },
  { code: 'acted', name: '已整改', type: 'primary' },
  { code: 'rerated', name: '已复评', type: 'success' },
  { code: 'void', name: '申诉成立', type: 'info' },
]
export const rectStateType = (s) => (RECT_STATES.find((x) => x.code === s) || {}).type || 'info'

export const ACTION_KINDS = [
  { code: 'immediate', name: '立行立改', hint: '当即纠正，写明已采取的措施' },
  { code: 'deadline', name: '限期整改', hint: '写明整改措施和完成日期（不晚于整改期限）' },
  { code: 'explain', name: '解释说明', hint: '评价所述情况不属实或另有原因，写明向评价人所作的说明' },
]

export const APPEAL_STATES = { pending: '待裁定', upheld: '申诉成立', rejected: '申诉驳回' }

export const pct = (rate) => (typeof rate === 'number' ? `${Math.round(rate * 1000) / 10}%` : '—')
export const at = (iso) => (iso ? centreDateTime(iso).slice(0, 16) : '')
