import { useState } from 'react';
import { firstTotal, flattenPages } from '../../api/pagination';
import type { User } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useUsers } from './api';
import { EditUserForm, NewUserForm } from './UserForm';

export default function UsersPage() {
  const { t, tv } = useI18n();
  const names = useNames();
  const query = useUsers();
  const users = flattenPages(query.data);
  const [editing, setEditing] = useState<User | null>(null);

  return (
    <Page title={t('users.title')} lead={t('users.intro')}>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.fullName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.agency')}</th>
                  <th scope="col">{t('users.active')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr key={user.id}>
                    <th scope="row" data-label={t('users.username')} className="code">
                      {user.username}
                    </th>
                    <td data-label={t('users.fullName')}>{user.full_name || t('common.none')}</td>
                    <td data-label={t('users.role')}>{tv('role', user.role)}</td>
                    <td data-label={t('users.agency')}>{names.agency(user.agency_id) || t('common.none')}</td>
                    <td data-label={t('users.active')}>
                      <span className={`badge${user.active ? ' badge--active' : ' badge--suspended'}`}>
                        {user.active ? t('users.activeYes') : t('users.activeNo')}
                      </span>
                    </td>
                    <td data-label={t('common.actions')}>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => setEditing(user)}
                        aria-label={t('users.editNamed', { username: user.username })}
                      >
                        {t('users.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            shown={users.length}
            total={firstTotal(query.data)}
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}

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
