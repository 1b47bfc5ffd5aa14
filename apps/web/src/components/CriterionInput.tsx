import { useId } from 'react';
import { Criterion } from '../api';
import { useI18n } from '../i18n';
import { formatHundredths, moveBySteps, stepsOf, toHundredths } from '../scores';

/**
 * One criterion: large − / + buttons and a slider over step indexes, so only multiples of the
 * step in [0, maxScore] can be chosen. Values are hundredths.
 */
export function CriterionInput(props: {
  criterion: Criterion;
  value: number | undefined;
  disabled?: boolean;
  onChange: (hundredths: number) => void;
}) {
  const { criterion, value, disabled, onChange } = props;
  const { t } = useI18n();
  const id = useId();
  const { step, count } = stepsOf(criterion);
  const shown = value === undefined ? t('notScored') : formatHundredths(value);
  return (
    <fieldset className="criterion" disabled={disabled} data-criterion={criterion.key}>
      <legend>
        <span className="criterion-name">{criterion.name}</span>{' '}
        <small>
          {t('criterionRange', {
            max: formatHundredths(toHundredths(criterion.maxScore)),
            step: formatHundredths(step),
            weight: criterion.weight,
          })}
        </small>
      </legend>
      <div className="stepper">
        <button
          type="button"
          className="button step"
          aria-label={t('decrease', { name: criterion.name })}
          onClick={() => onChange(value === undefined ? 0 : moveBySteps(criterion, value, -1))}
        >
          −
        </button>
        <output
          id={`${id}-value`}
          className={value === undefined ? 'value unset' : 'value'}
          aria-live="polite"
        >
          {shown}
        </output>
        <button
          type="button"
          className="button step"
          aria-label={t('increase', { name: criterion.name })}
          onClick={() => onChange(moveBySteps(criterion, value ?? 0, 1))}
        >
          +
        </button>
      </div>
      <input
        type="range"
        className={value === undefined ? 'slider unset' : 'slider'}
        min={0}
        max={count}
        step={1}
        value={value === undefined ? 0 : value / step}
        aria-label={t('scoreOf', { name: criterion.name })}
        aria-valuetext={shown}
        aria-describedby={`${id}-value`}
        onChange={(e) => onChange(Number(e.target.value) * step)}
      />
    </fieldset>
  );
}
