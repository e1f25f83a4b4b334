// /team/profile: loads the saved profile and opens the editor (read-only without `team:edit`).
import { useTranslation } from 'react-i18next';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, PageHeader } from '#web/ui/Page';
import { ProfileEditor } from './ProfileEditor';
import { useProfileState } from './team.queries';

export function ProfilePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const state = useProfileState();
  const can = {
    edit: hasPermission(session, 'team:edit'),
    publish: hasPermission(session, 'team:publish'),
    keys: hasPermission(session, 'team:keys'),
  };
  if (!state.data) {
    return (
      <>
        <PageHeader title={t('team.page.title')} />
        {state.isPending ? <Loading /> : <ErrorBanner error={state.error} />}
      </>
    );
  }
  return <ProfileEditor latest={state.data} can={can} />;
}
