// The session as the browser knows it: the user, the CSRF token and the expiry,
// all from POST /api/session or GET /api/me. The session cookie itself is HttpOnly.
import { reactive } from 'vue'

export const session = reactive({
  user: null,
  csrf: '',
  expiresAt: '',
  // A notice to show on the login page (e.g. 会话已过期).
  notice: '',
})

export function setSession(data) {
  session.user = data && data.user ? data.user : null
  session.csrf = (data && data.csrf_token) || ''
  session.expiresAt = (data && data.expires_at) || ''
}

export function clearSession(notice = '') {
  session.user = null
  session.csrf = ''
  session.expiresAt = ''
  if (notice) session.notice = notice
}

export function hasRole(...roles) {
  const mine = (session.user && session.user.roles) || []
  return roles.some((r) => mine.includes(r))
}
