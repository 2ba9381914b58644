import { useState } from 'react';
import type { User } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useUsers } from './api';
import { EditUserForm, NewUserForm } from './UserForm';

export default function UsersPage() {
  const { t, tv } = useI18n();
  const names = useNames();
  const query = useUsers();
  const [editing, setEditing] = useState<User | null>(null);

  return (
    <Page title={t('users.title')} lead={t('users.intro')}>
      <ListView query={query} empty={t('common.empty')}>
        {(users) => (
          <DataTable
            caption={t('users.title')}
            rows={users}
            rowKey={(user) => user.id}
            columns={[
              { label: t('users.username'), rowHeader: true, cellClassName: 'code', cell: (user) => user.username },
              { label: t('users.fullName'), cell: (user) => user.full_name || t('common.none') },
              { label: t('users.role'), cell: (user) => tv('role', user.role) },
              { label: t('users.agency'), cell: (user) => names.agency(user.agency_id) || t('common.none') },
              {
                label: t('users.active'),
                cell: (user) => (
                  <span className={`badge${user.active ? ' badge--active' : ' badge--suspended'}`}>
                    {user.active ? t('users.activeYes') : t('users.activeNo')}
                  </span>
                ),
              },
              {
                label: t('common.actions'),
                cell: (user) => (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => setEditing(user)}
                    aria-label={t('users.editNamed', { username: user.username })}
                  >
                    {t('users.edit')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </ListView>

      <section className="section card" aria-labelledby="users-new">
        <h2 id="users-new">{t('users.newTitle')}</h2>
        <NewUserForm />
      </section>

      <Dialog open={editing !== null} title={t('users.editNamed', { username: editing?.username ?? '' })} onClose={() => setEditing(null)}>
        {editing && <EditUserForm user={editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </Page>
  );
}
