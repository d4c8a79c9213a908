import { createApp } from 'vue'
import App from './App.vue'
import router from './router.js'
import { onUnauthorized } from './api.js'
import { setPublicPage } from './elder.js'

// Styles of the imperatively used Element Plus services (the resolver handles the rest).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles.css'

// Apply the 长者版 class before the first paint on public pages.
setPublicPage(!location.pathname.startsWith('/staff'))

// A 401 from any API call inside the staff pages ends there: back to the login page.
onUnauthorized(() => {
  const cur = router.currentRoute.value
  if (cur.matched.some((r) => r.meta.staff)) {
    router.replace({ name: 'login', query: cur.fullPath === '/staff' ? {} : { redirect: cur.fullPath } })
  }
})

createApp(App).use(router).mount('#app')
