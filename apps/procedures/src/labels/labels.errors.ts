import { GuichetError, maxLabelsPerProcedure } from '@guichet/contracts';

export const labelNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Étiquette introuvable.');
export const labelNameTaken = (): GuichetError => new GuichetError('CONFLICT', 'Une étiquette de cette démarche porte déjà ce nom (majuscules et accents ne comptent pas).', { name: 'Ce nom est déjà pris.' });
export const tooManyLabels = (): GuichetError =>
  new GuichetError('VALIDATION_FAILED', `Une démarche compte au plus ${maxLabelsPerProcedure} étiquettes.`, { name: `Au plus ${maxLabelsPerProcedure} étiquettes par démarche.` });
