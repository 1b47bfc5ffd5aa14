import { KeyboardEvent, useId } from 'react';
import { Criterion } from '../api';
import { useI18n } from '../i18n';
import { formatHundredths, moveBySteps, stepsOf, toHundredths } from '../scores';
import { isTypeable, presetsOf, readTyped, typedText } from '../typed-score';

/**
 * One criterion on one line: − and + steppers around a typed score (the numeric keypad, checked
 * against the step and the maximum at every keystroke), then one-tap preset values. Every box
 * has a fixed width, and the line above holds either the range or the error in the same
 * height, so nothing moves under the finger whatever the value or the message.
 */
export function CriterionInput(props: {
  criterion: Criterion;
  /** what the field holds, as typed */
  text: string;
  disabled?: boolean;
  onText: (text: string) => void;
}) {
  const { criterion, text, disabled, onText } = props;
  const { t } = useI18n();
  const id = useId();
  const reading = readTyped(criterion, text);
  const value = reading.kind === 'ok' ? reading.hundredths : undefined;
  const { step } = stepsOf(criterion);
  const max = formatHundredths(toHundredths(criterion.maxScore));
  const error =
    reading.kind === 'offStep'
      ? t('scoreStepError', { step: formatHundredths(step) })
      : reading.kind === 'aboveMax'
        ? t('scoreMaxError', { max })
        : null;

  // From a value off the step, a stepper goes to the nearest step first; unset, + gives one step.
  const near = (): number => {
    const raw = Number(text.replace(',', '.'));
    return Number.isFinite(raw) ? Math.round(raw * 100) : 0;
  };
  const stepBy = (steps: number) => {
    if (reading.kind === 'empty') onText(typedText(moveBySteps(criterion, 0, steps)));
    else onText(typedText(moveBySteps(criterion, value ?? near(), steps)));
  };

  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      stepBy(event.key === 'ArrowUp' ? 1 : -1);
    } else if (event.key === 'Enter') {
      // The keypad's "next" goes to the next score, never submits half a sheet.
      event.preventDefault();
      const fields = [
        ...(event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[data-score]') ??
          []),
      ];
      const next = fields[fields.indexOf(event.currentTarget) + 1];
      if (next) next.focus();
      else event.currentTarget.blur();
    }
  };

  return (
    <fieldset className="criterion" disabled={disabled} data-criterion={criterion.key}>
      <legend>
        <span className="criterion-name">{criterion.name}</span>{' '}
        {error ? (
          <small className="criterion-error" id={`${id}-hint`} role="alert">
            {error}
          </small>
        ) : (
          <small id={`${id}-hint`}>
            {t('criterionRange', {
              max,
              step: formatHundredths(step),
              weight: criterion.weight,
            })}
          </small>
        )}
      </legend>
      <div className="score-row">
        <button
          type="button"
          className="button step"
          aria-label={t('decrease', { name: criterion.name })}
          onClick={() => stepBy(-1)}
        >
          −
        </button>
        <input
          type="text"
          role="spinbutton"
          inputMode="decimal"
          enterKeyHint="next"
          autoComplete="off"
          spellCheck={false}
          data-score={criterion.key}
          className={error ? 'score invalid' : 'score'}
          placeholder="—"
          value={text}
          aria-label={t('scoreOf', { name: criterion.name })}
          aria-valuemin={0}
          aria-valuemax={toHundredths(criterion.maxScore) / 100}
          aria-valuenow={value === undefined ? undefined : value / 100}
          aria-valuetext={value === undefined ? t('notScored') : formatHundredths(value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            if (isTypeable(e.target.value)) onText(e.target.value);
          }}
          onKeyDown={keys}
          onBlur={() => {
            // "8." or "08.50" reads as 8.5: show it as it will be sent.
            if (value !== undefined && text !== typedText(value)) onText(typedText(value));
          }}
        />
        <button
          type="button"
          className="button step"
          aria-label={t('increase', { name: criterion.name })}
          onClick={() => stepBy(1)}
        >
          +
        </button>
        <span className="presets">
          {presetsOf(criterion).map((preset) => (
            <button
              key={preset}
              type="button"
              className="button preset"
              aria-pressed={value === preset}
              aria-label={t('presetScore', {
                name: criterion.name,
                value: formatHundredths(preset),
              })}
              onClick={() => onText(typedText(preset))}
            >
              {formatHundredths(preset)}
            </button>
          ))}
        </span>
      </div>
    </fieldset>
  );
}
