import { createRouter, createWebHistory } from 'vue-router'
import { session, hasRole } from './store.js'
import { fetchMe } from './api.js'
import { setPublicPage } from './elder.js'

// The staff pages. `roles` absent = every signed-in user. `nav` is the data-test
// suffix of the left-menu item (data-test="nav-<nav>"); `hidden` pages have no menu item.
// Who reads cases (GET /api/cases: docs/authz.md); guides do not.
const CASE_READERS = ['admin', 'supervisor', 'front_desk', 'back_office', 'dept_head']
// Who reads supervision orders, ratings and rectifications (their own department's for staff).
const SUPERVISION_READERS = ['admin', 'supervisor', 'back_office', 'dept_head']
export const staffPages = [
  { path: '', name: 'home', nav: 'home', title: '工作台', icon: 'HomeFilled', component: () => import('./views/staff/Home.vue') },
  { path: 'matters', name: 'matters', nav: 'matters', title: '事项查询', icon: 'Search', component: () => import('./views/staff/Matters.vue') },
  { path: 'catalogue', name: 'catalogue', nav: 'catalogue', title: '事项管理', icon: 'Collection', roles: ['admin'], component: () => import('./views/staff/Catalogue.vue') },
  { path: 'hall', name: 'hall', nav: 'hall', title: '大厅与窗口', icon: 'OfficeBuilding', component: () => import('./views/staff/Hall.vue') },
  { path: 'posts', name: 'posts', nav: 'posts', title: '岗位与AB岗', icon: 'Connection', roles: ['admin', 'dept_head'], component: () => import('./views/staff/Posts.vue') },
  { path: 'letters', name: 'letters', nav: 'letters', title: '授权委托书', icon: 'DocumentChecked', component: () => import('./views/staff/Letters.vue') },
  { path: 'seals', name: 'seals', nav: 'seals', title: '审批专用章', icon: 'Stamp', roles: ['admin', 'dept_head'], component: () => import('./views/staff/Seals.vue') },
  { path: 'seal-ledger', name: 'seal-ledger', nav: 'seal-ledger', title: '用印登记簿', icon: 'Notebook', roles: ['dept_head', 'supervisor', 'admin'], component: () => import('./views/staff/SealLedger.vue') },
  { path: 'reform', name: 'reform', nav: 'reform', title: '改革进展', icon: 'TrendCharts', roles: ['admin', 'supervisor'], component: () => import('./views/staff/Reform.vue') },
  { path: 'window', name: 'queue-window', nav: 'window', title: '窗口叫号', icon: 'Bell', roles: ['front_desk'], component: () => import('./views/staff/QueueWindow.vue') },
  { path: 'workbench', name: 'workbench', nav: 'workbench', title: '受理工作台', icon: 'EditPen', roles: ['front_desk'], component: () => import('./views/staff/Workbench.vue') },
  { path: 'inbox', name: 'inbox', nav: 'inbox', title: '我的待办', icon: 'Message', roles: ['back_office', 'dept_head'], component: () => import('./views/staff/Cases.vue') },
  { path: 'cases', name: 'cases', nav: 'cases', title: '办件查询', icon: 'Files', roles: CASE_READERS, component: () => import('./views/staff/Cases.vue') },
  { path: 'cases/:id(\\d+)', name: 'case', title: '办件详情', hidden: true, roles: CASE_READERS, component: () => import('./views/staff/CaseDetail.vue') },
  { path: 'queue-board', name: 'queue-board', nav: 'queue-board', title: '叫号看板', icon: 'DataBoard', roles: ['supervisor', 'admin'], component: () => import('./views/staff/QueueBoard.vue') },
  { path: 'supervision', name: 'supervision', nav: 'supervision', title: '督查看板', icon: 'Monitor', roles: ['supervisor', 'admin'], component: () => import('./views/staff/Supervision.vue') },
  { path: 'orders', name: 'orders', nav: 'orders', title: '督办单', icon: 'Flag', roles: SUPERVISION_READERS, component: () => import('./views/staff/Orders.vue') },
  { path: 'ratings', name: 'ratings', nav: 'ratings', title: '好差评与整改', icon: 'Star', roles: SUPERVISION_READERS, component: () => import('./views/staff/Ratings.vue') },
  { path: 'reports', name: 'reports', nav: 'reports', title: '统计报表', icon: 'DataAnalysis', roles: ['supervisor', 'admin', 'dept_head'], component: () => import('./views/staff/Reports.vue') },
  { path: 'workdays', name: 'workdays', nav: 'workdays', title: '工作日计算', icon: 'Calendar', component: () => import('./views/staff/Workdays.vue') },
  { path: 'idcheck', name: 'idcheck', nav: 'idcheck', title: '证件校验', icon: 'Postcard', component: () => import('./views/staff/IdCheck.vue') },
  { path: 'users', name: 'users', nav: 'users', title: '用户管理', icon: 'User', roles: ['admin'], component: () => import('./views/staff/Users.vue') },
  { path: 'audit', name: 'audit', nav: 'audit', title: '审计日志', icon: 'Tickets', roles: ['admin', 'supervisor'], component: () => import('./views/staff/Audit.vue') },
  { path: 'password', name: 'password', nav: 'password', title: '修改密码', icon: 'Lock', component: () => import('./views/staff/Password.vue') },
]

export function pageAllowed(page) {
  return !page.roles || hasRole(...page.roles)
}

export function pageInNav(page) {
  return !page.hidden && pageAllowed(page)
}

const routes = [
  { path: '/', name: 'landing', component: () => import('./views/Landing.vue'), meta: { public: true, title: '首页' } },
  { path: '/guide/:code', name: 'guide', component: () => import('./views/Guide.vue'), meta: { public: true, title: '办事指南' } },
  { path: '/kiosk', name: 'kiosk', component: () => import('./views/Kiosk.vue'), meta: { public: true, title: '自助取号' } },
  { path: '/display', name: 'display', component: () => import('./views/Display.vue'), meta: { public: true, title: '叫号显示屏' } },
  { path: '/ticket/:token', name: 'ticket', component: () => import('./views/TicketLive.vue'), meta: { public: true, title: '排队进度' } },
  // 办件查询: the QR code on every notice points to /case/<number>; /case alone is the entry form.
  { path: '/case/:number?', name: 'case-status', component: () => import('./views/CaseStatus.vue'), meta: { public: true, title: '办件查询' } },
  { path: '/t/:token', redirect: (to) => ({ name: 'ticket', params: { token: to.params.token } }) },
  { path: '/rate/:number', name: 'rate', component: () => import('./views/Rate.vue'), meta: { public: true, title: '办件评价' } },
  // The window's evaluation tablet: enrolled by opening /tablet#k=<device key> once (Hall page).
  { path: '/tablet', name: 'tablet', component: () => import('./views/WindowTablet.vue'), meta: { public: true, title: '服务评价' } },
  // The lobby's big screen: full window, outside the staff layout, a supervisor's session.
  { path: '/bigscreen', name: 'bigscreen', component: () => import('./views/BigScreen.vue'), meta: { staff: true, title: '大屏', roles: ['supervisor', 'admin'] } },
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { public: true, title: '工作人员登录' } },
  {
    path: '/staff',
    component: () => import('./views/StaffLayout.vue'),
    meta: { staff: true },
    children: [
      ...staffPages.map((p) => ({
        path: p.path,
        name: p.name,
        component: p.component,
        meta: { staff: true, title: p.title, roles: p.roles },
      })),
      { path: ':rest(.*)*', redirect: { name: 'home' } },
    ],
  },
  { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue'), meta: { public: true, title: '页面不存在' } },
]

const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  if (!to.matched.some((r) => r.meta.staff)) return true
  if (!session.user) {
    let user = null
    try {
      user = await fetchMe()
    } catch (e) {
      // Server down or broken: say so on the login page rather than looping.
      session.notice = e.message
      return { name: 'login', query: { redirect: to.fullPath } }
    }
    if (!user) return { name: 'login', query: to.fullPath === '/staff' ? {} : { redirect: to.fullPath } }
  }
  const roles = to.meta.roles
  if (roles && !hasRole(...roles)) return { name: 'home' }
  return true
})

router.afterEach((to) => {
  setPublicPage(!to.matched.some((r) => r.meta.staff))
  const t = to.meta.title
  document.title = t ? `${t} · 一窗 · 邵阳市政务服务中心` : '一窗 · 邵阳市政务服务中心'
})

export default router
