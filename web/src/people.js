// People to choose from (grantees, A/B, keepers, duty). Administrators read GET /api/users (all),
// department heads the same endpoint (their own department's staff); other roles get no user list,
// so for them the people are gathered from what they may read: today's duty, the posts and the
// letters' grantees.
import { ref } from 'vue'
import { api } from './api.js'
import { hasRole, session } from './store.js'
import { todayISO } from './util.js'

export const people = ref([])
export const peopleComplete = ref(false)
let pending = null

function add(map, u, extra = {}) {
  if (!u || u.id == null) return
  const cur = map.get(u.id) || { id: u.id, username: u.username || '', name: u.name || '', roles: [], department: null, disabled: false }
  if (!cur.username && u.username) cur.username = u.username
  if (!cur.name && u.name) cur.name = u.name
  for (const r of extra.roles || []) if (!cur.roles.includes(r)) cur.roles.push(r)
  if (extra.department && !cur.department) cur.department = extra.department
  map.set(u.id, cur)
}

export function loadPeople(force = false) {
  if (pending && !force) return pending
  pending = (async () => {
    if (hasRole('admin') || hasRole('dept_head')) {
      const r = await api.get('/api/users')
      people.value = (r.users || []).map((u) => ({ ...u, department: u.department || null }))
      peopleComplete.value = true
      return people.value
    }
    const map = new Map()
    const [duty, posts, letters] = await Promise.all([
      api.get('/api/hall/duty', { date: todayISO() }).catch(() => null),
      api.get('/api/posts').catch(() => null),
      api.get('/api/letters').catch(() => null),
    ])
    for (const w of (duty && duty.windows) || []) add(map, w.user, { roles: ['front_desk'] })
    for (const p of (posts && posts.posts) || []) {
      add(map, p.a, { roles: ['back_office'], department: p.department })
      add(map, p.b, { roles: ['back_office'], department: p.department })
    }
    for (const l of (letters && letters.letters) || []) add(map, l.grantee, { roles: ['front_desk'] })
    if (session.user) add(map, session.user, { roles: session.user.roles, department: session.user.department })
    people.value = [...map.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    peopleComplete.value = false
    return people.value
  })().catch((e) => {
    pending = null
    throw e
  })
  return pending
}

export function personLabel(u) {
  if (!u) return '—'
  return u.username ? `${u.name}（${u.username}）` : u.name || `#${u.id}`
}

export function depId(u) {
  const d = u && u.department
  if (d == null) return null
  return typeof d === 'object' ? d.id : d
}
