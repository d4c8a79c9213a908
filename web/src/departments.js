// GET /api/departments, fetched once per page load and shared.
import { ref } from 'vue'
import { api } from './api.js'

export const departments = ref([])
let pending = null

export function loadDepartments(force = false) {
  if (pending && !force) return pending
  pending = api
    .get('/api/departments')
    .then((d) => {
      departments.value = (d && d.departments) || []
      return departments.value
    })
    .catch((e) => {
      pending = null
      throw e
    })
  return pending
}
