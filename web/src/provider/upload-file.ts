import { ApiError, session } from '../api/client';
import { currentLocale } from '../app/i18n';

export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/**
 * Posts a file as multipart field "file" with XMLHttpRequest, the one browser API that
 * reports upload progress (fetch does not). Resolves with the parsed JSON answer; rejects
 * with ApiError for a non-2xx answer or a network failure.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  onSent: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('accept-language', currentLocale());
    const token = session.token();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    // Every byte is sent; the server now reads and checks the records.
    request.upload.onload = () => onSent();
    request.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    request.onload = () => {
      const text = request.responseText;
      if (request.status >= 200 && request.status < 300) {
        resolve(JSON.parse(text) as T);
        return;
      }
      reject(errorOf(request.status, text));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

function errorOf(status: number, text: string): ApiError {
  try {
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; fields?: ApiError['fields'] };
    };
    return new ApiError(status, error.code, error.message, error.fields ?? []);
  } catch {
    return new ApiError(status, `HTTP_${status}`, text);
  }
}
