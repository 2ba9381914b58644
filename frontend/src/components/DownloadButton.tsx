import { useMutation } from '@tanstack/react-query';
import { fetchFile, saveFile, type DownloadPath, type DownloadQuery } from '../api/download';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorAlert } from './ErrorAlert';

interface Props<P extends DownloadPath> {
  path: P;
  query: DownloadQuery<P>;
  /** Used when the server names no file. */
  filename: string;
  label: string;
  className?: string;
}

/** A button that downloads a file from the API with the session's token. */
export function DownloadButton<P extends DownloadPath>({ path, query, filename, label, className = 'button button--secondary' }: Props<P>) {
  const { t } = useI18n();
  const download = useMutation({
    mutationFn: () => fetchFile(path, query, filename),
    onSuccess: saveFile,
  });
  return (
    <span className="download">
      <button type="button" className={className} onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? t('common.downloading') : label}
      </button>
      {download.isError && <ErrorAlert error={download.error} />}
    </span>
  );
}
