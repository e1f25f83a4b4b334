// An organisation's assets grouped by kind (CIDR ranges, domains, AS numbers, products), with an add
// form and remove buttons for organisations:manage. Observables are matched against these. Each kind is a
// paged, filterable table: an ISP may declare thousands of ranges.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AssetInput, AssetKind, type Asset } from '#shared/organisations/organisations.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PagedTable } from '#web/ui/PagedTable';
import type { Column } from '#web/ui/Table';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useOrganisationOptions } from './organisations.options';
import { useAddAsset, useRemoveAsset } from './organisations.queries';

const fields = ['kind', 'value', 'note'] as const;

function AddAssetForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const options = useOrganisationOptions();
  const add = useAddAsset(organisationId);
  const form = useForm({ resolver: zodResolver(AssetInput), defaultValues: { kind: 'cidr', value: '', note: undefined } });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async (values) => {
    await add.mutateAsync(values);
    form.reset({ kind: values.kind, value: '', note: undefined });
  });

  return (
    <form className="asset-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('organisations.assets.addTitle')}>
      <ErrorBanner error={add.error} mappedFields={fields} />
      <div className="asset-form-row">
        <Select
          label={t('organisations.assets.kind')}
          options={options.assetKind}
          error={fieldError(errors.kind)}
          {...form.register('kind')}
        />
        <TextField
          label={t('organisations.assets.value')}
          className="mono"
          spellCheck={false}
          error={fieldError(errors.value)}
          {...form.register('value')}
        />
        <TextField
          label={t('organisations.assets.note')}
          error={fieldError(errors.note)}
          {...form.register('note', { setValueAs: (v: unknown) => (v === '' ? undefined : v) })}
        />
        <Button type="submit" busy={add.isPending}>
          {t('organisations.assets.add')}
        </Button>
      </div>
    </form>
  );
}

export function AssetsSection({
  organisationId,
  assets,
  canManage,
}: {
  organisationId: string;
  assets: readonly Asset[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const remove = useRemoveAsset(organisationId);
  const columns: Column<Asset>[] = [
    { key: 'value', header: t('organisations.assets.value'), cell: (asset) => <code>{asset.value}</code> },
    {
      key: 'note',
      header: t('organisations.assets.note'),
      cell: (asset) => (asset.note ? <span className="muted">{asset.note}</span> : null),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      cell: (asset) => (
        <Button size="sm" variant="ghost" busy={remove.isPending && remove.variables === asset.id} onClick={() => remove.mutate(asset.id)}>
          {t('organisations.assets.remove')}
          <span className="visually-hidden"> {asset.value}</span>
        </Button>
      ),
    });
  }
  return (
    <section className="record-section" aria-labelledby="org-assets">
      <h2 id="org-assets">{t('organisations.assets.title')}</h2>
      <p className="muted">{t('organisations.assets.text')}</p>
      {canManage ? <AddAssetForm organisationId={organisationId} /> : null}
      <ErrorBanner error={remove.error} />
      <div className="asset-groups">
        {AssetKind.options.map((kind) => {
          const ofKind = assets.filter((a) => a.kind === kind);
          return (
            <section key={kind} className="panel asset-group" aria-labelledby={`assets-${kind}`}>
              <h3 id={`assets-${kind}`}>
                {t(`organisations.assetKind.${kind}`)} <span className="muted">({ofKind.length})</span>
              </h3>
              {ofKind.length === 0 ? (
                <p className="muted">{t('organisations.assets.none')}</p>
              ) : (
                <PagedTable
                  caption={t(`organisations.assetKind.${kind}`)}
                  columns={columns}
                  rows={ofKind}
                  rowKey={(asset) => asset.id}
                  filterText={(asset) => `${asset.value} ${asset.note ?? ''}`}
                  pageSize={25}
                  empty={t('organisations.assets.none')}
                />
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
