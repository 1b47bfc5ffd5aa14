import ExcelJS from 'exceljs';

/**
 * A cell's value as the organiser sees it in Excel: rich text joined, a formula's result,
 * a hyperlink's text, a date as YYYY-MM-DD, a number with Excel's 15 significant digits and
 * never in exponent form (a credit code typed as a number stays 18 digits).
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run) => run.text ?? '').join('');
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (text === undefined || text === null) return String(value.hyperlink ?? '');
    return cellText(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result);
  }
  if ('error' in value) return String(value.error);
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return '';
}

/** A number in plain decimal notation, rounded to 15 significant digits as Excel shows it. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const [mantissa, exponentText] = value.toPrecision(15).split('e');
  const exponent = Number(exponentText ?? 0);
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = whole + fraction;
  let point = whole.length + exponent; // digits before the decimal point
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/u, '');
  const fracPart = digits.slice(point).replace(/0+$/u, '');
  const text = fracPart === '' ? intPart : `${intPart}.${fracPart}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** A date as YYYY-MM-DD, with the time when it has one (HH:MM, or HH:MM:SS). */
export function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString(); // Excel's serial dates are read as UTC
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/** An Excel serial date (days since 1899-12-30, or since 1904-01-01) as a UTC date. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
