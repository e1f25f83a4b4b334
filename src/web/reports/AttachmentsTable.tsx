// A report's files: name as a download link (the server always answers with a download, never inline),
// type, size and SHA-256.
import { useTranslation } from 'react-i18next';
import type { Attachment } from '#shared/reports/reports.schemas';
import { useFormatBytes } from '#web/ui/format';
import { PagedTable } from '#web/ui/PagedTable';
import type { Column } from '#web/ui/Table';

const filterText = (a: Attachment) => `${a.filename} ${a.mediaType} ${a.sha256}`;

export function AttachmentsTable({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const columns: Column<Attachment>[] = [
    {
      key: 'name',
      header: t('reports.attachmentsTable.name'),
      cell: (a) => (
        <a href={`/api/attachments/${encodeURIComponent(a.id)}/download`} download={a.filename}>
          {a.filename}
        </a>
      ),
    },
    { key: 'type', header: t('reports.attachmentsTable.type'), cell: (a) => <code>{a.mediaType}</code> },
    { key: 'size', header: t('reports.attachmentsTable.size'), cell: (a) => formatBytes(a.size), className: 'numeric' },
    {
      key: 'sha256',
      header: t('reports.attachmentsTable.sha256'),
      cell: (a) => (
        <code className="hash" title={a.sha256}>
          {a.sha256.slice(0, 16)}…
        </code>
      ),
    },
  ];
  return (
    <PagedTable
      caption={t('reports.attachmentsTable.caption')}
      filterText={filterText}
      columns={columns}
      rows={attachments}
      rowKey={(a) => a.id}
      empty={t('reports.attachmentsTable.empty')}
    />
  );
}
