import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export interface ImportInput {
  file: File;
  dryRun: boolean;
}

/** Uploads a CSV/XLSX file; with `dryRun` the API checks every row and writes nothing. */
export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: ImportInput) =>
      unwrap(
        api.POST('/api/v1/placements/import', {
          params: { query: { dry_run: dryRun } },
          // The generated type names the file part a string; the body really is multipart.
          body: { file: file.name, dry_run: dryRun },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            form.append('dry_run', String(dryRun));
            return form;
          },
        }),
      ),
    onSuccess: (result) => {
      if (!result.dry_run) {
        void queryClient.invalidateQueries({ queryKey: ['placements'] });
        void queryClient.invalidateQueries({ queryKey: ['progress'] });
      }
    },
  });
}
