// The report documents of GET /api/reports/* (docs/reports.md, docs/api.md "Reports"): how a cell
// of each column kind is written, the periods, which figures can be traced to their cases, and the
// addresses of the XLSX and PDF variants.

// Figures with a list of cases behind them (…/cases?metric=): the counted metrics, not the rates.
export const TRACEABLE = new Set([
  'received', 'accepted', 'refused', 'awaiting_materials', 'decided', 'on_time', 'overdue', 'extended',
  'stopped', 'warn', 'yellow', 'red', 'orders', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5',
  'bad_reviews', 'rectified', 'unrectified', 'dark_matters',
])

// A cell as the XLSX and the PDF write it: permille as 66.7%, change as +12%, rank 0 as —.
export function cell(kind, v) {
  if (v === null || v === undefined || v === '') return '—'
  switch (kind) {
    case 'permille':
      return `${(v / 10).toFixed(1)}%`
    case 'change':
      return v > 0 ? `+${v}%` : `${v}%`
    case 'rank':
      return v ? String(v) : '—'
    default:
      return String(v)
  }
}

// The half-month holding a day: 'YYYY-MM-1' (1st–15th) or 'YYYY-MM-2' (16th–end).
export function halfOf(day) {
  return `${day.slice(0, 7)}-${Number(day.slice(8, 10)) <= 15 ? 1 : 2}`
}

// The half-month before one.
export function previousHalf(id) {
  const [y, m, h] = id.split('-').map(Number)
  if (h === 2) return `${y}-${String(m).padStart(2, '0')}-1`
  const pm = m === 1 ? 12 : m - 1
  const py = m === 1 ? y - 1 : y
  return `${py}-${String(pm).padStart(2, '0')}-2`
}

export function halfLabel(id) {
  const [y, m, h] = id.split('-').map(Number)
  return `${y}年${m}月${h === 1 ? '上半月（1日至15日）' : '下半月（16日至月末）'}`
}

// GET …?format=xlsx|pdf with the same period as the page.
export function fileUrl(path, query, format) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== '' && v != null) q.set(k, String(v))
  q.set('format', format)
  return `${path}?${q}`
}

// Columns in the order of the document, grouped by `group` (办件情况 / 监督与评价) for nested headers.
export function columnGroups(columns) {
  const out = []
  for (const c of columns) {
    const last = out[out.length - 1]
    if (c.group && last && last.group === c.group) last.columns.push(c)
    else if (c.group) out.push({ group: c.group, columns: [c] })
    else out.push({ group: '', columns: [c] })
  }
  return out
}

// Extra fields of the rows of a trace, by metric (api.md "The cases behind a figure").
export const TRACE_EXTRA = {
  warn: [{ key: 'level', title: '预警' }],
  yellow: [{ key: 'level', title: '预警' }],
  red: [{ key: 'level', title: '预警' }],
  orders: [{ key: 'order', title: '督办单' }, { key: 'order_state', title: '督办状态' }],
  bad_reviews: [{ key: 'rectification_state', title: '整改状态' }, { key: 'fix_due', title: '整改期限' }],
  rectified: [{ key: 'rectification_state', title: '整改状态' }, { key: 'fix_due', title: '整改期限' }],
  unrectified: [{ key: 'rectification_state', title: '整改状态' }, { key: 'fix_due', title: '整改期限' }],
}
for (const n of [1, 2, 3, 4, 5]) TRACE_EXTRA[`rating_${n}`] = [{ key: 'stage', title: '环节' }, { key: 'channel', title: '渠道' }]
