import { fr } from '@codegouvfr/react-dsfr';
import { type DossierLabel } from '@guichet/contracts';
import { tagColorClass, tagColorStyle } from './labelColors';

/** A label as a DSFR tag of its colour (not interactive). */
export function LabelTag({ label, small = false }: { label: Pick<DossierLabel, 'name' | 'color'>; small?: boolean }) {
  return (
    <span className={fr.cx('fr-tag', small ? 'fr-tag--sm' : undefined, tagColorClass(label.color))} style={tagColorStyle(label.color)}>
      {label.name}
    </span>
  );
}

/** Labels as a DSFR tags group; nothing when there are none. */
export function LabelTags({ labels, small = false, ariaLabel }: { labels: readonly DossierLabel[]; small?: boolean; ariaLabel: string }) {
  if (labels.length === 0) return null;
  return (
    <ul className={fr.cx('fr-tags-group', 'fr-mb-0')} aria-label={ariaLabel}>
      {labels.map((label) => (
        <li key={label.id}>
          <LabelTag label={label} small={small} />
        </li>
      ))}
    </ul>
  );
}
