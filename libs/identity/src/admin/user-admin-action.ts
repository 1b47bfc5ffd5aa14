/** What an organiser or admin did to a user account (`user_admin_records.action`). */
export enum UserAdminAction {
  CREATED = 'CREATED',
  DEACTIVATED = 'DEACTIVATED',
  REACTIVATED = 'REACTIVATED',
  PASSWORD_RESET = 'PASSWORD_RESET',
}
