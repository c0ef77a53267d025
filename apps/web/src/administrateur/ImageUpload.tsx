import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import { api } from '../api/client';
import { failureMessage, useApiAction } from './ProcedureConfigPage';

const maxImageBytes = 5 * 1024 * 1024;
const imageTypes = ['image/png', 'image/jpeg'];

type UploadState = { status: 'idle' } | { status: 'uploading' } | { status: 'uploaded'; fileName: string } | { status: 'failed'; message: string };

/**
 * An image of an attestation or of the procedure (PNG or JPEG, 5 Mo): uploaded as soon as it is
 * chosen (declared, sent, checked by the documents service); `onChange` gets the stored file's id.
 */
export function ImageUpload({ id, label, fileId, onChange }: { id: string; label: string; fileId: string | null; onChange: (fileId: string | null) => void }) {
  const run = useApiAction();
  const [upload, setUpload] = useState<UploadState>({ status: 'idle' });

  async function onChoose(file: File) {
    if (!imageTypes.includes(file.type)) {
      setUpload({ status: 'failed', message: 'Choisissez une image PNG ou JPEG.' });
      return;
    }
    if (file.size > maxImageBytes) {
      setUpload({ status: 'failed', message: 'L’image dépasse 5 Mo.' });
      return;
    }
    setUpload({ status: 'uploading' });
    const result = await run(() => api.uploadFile(file, 'attestation_template'));
    if (result.ok && result.value.status === 'safe') {
      setUpload({ status: 'uploaded', fileName: result.value.fileName });
      onChange(result.value.id);
    } else setUpload({ status: 'failed', message: result.ok ? 'L’image a été refusée.' : failureMessage(result.error) });
  }

  const current = upload.status === 'uploaded' ? `Image envoyée : ${upload.fileName}.` : fileId !== null ? 'Une image est enregistrée.' : 'Aucune image.';
  return (
    <div className={fr.cx('fr-mb-3w')}>
      <Upload
        label={label}
        hint="Format PNG ou JPEG, 5 Mo au plus."
        {...(upload.status === 'failed' ? { state: 'error' as const, stateRelatedMessage: upload.message } : {})}
        nativeInputProps={{
          id,
          accept: imageTypes.join(','),
          disabled: upload.status === 'uploading',
          onChange: (event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void onChoose(file);
          },
        }}
      />
      <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-1w')}>
        {upload.status === 'uploading' ? 'Envoi de l’image…' : current}
      </p>
      {fileId !== null && upload.status !== 'uploading' && (
        <Button
          type="button"
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          onClick={() => {
            setUpload({ status: 'idle' });
            onChange(null);
          }}
        >
          Retirer l’image « {label} »
        </Button>
      )}
    </div>
  );
}
