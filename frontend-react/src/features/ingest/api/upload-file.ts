import { uploadForm } from '@/lib/api-client';
import { ingestResponseSchema } from '@/lib/schemas';

/** One file per request (field `files`), so each file reports its own progress and result. */
export const uploadFile = (
  file: File,
  onProgress?: (fraction: number) => void,
) => {
  const form = new FormData();
  form.append('files', file, file.name);
  return uploadForm('/v1/sources/files', {
    form,
    schema: ingestResponseSchema,
    onProgress,
  });
};
