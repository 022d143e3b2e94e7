import { countOf, ENGLISH, wordProblem, type Problem, type Wordings } from '../factsheet/problems';
import type { Lang } from '../model';

/**
 * The "Why" of a fact-sheet problem in the UI language, worded from its code and
 * parameters (src/factsheet/problems.ts): the validator's English for `en`, the table
 * below for `es`. Names, ids, numbers and examples come from the parameters unchanged.
 */

const es = (n: number, one: string, other: string) => countOf('es', n, { one, other });

const SPANISH: Wordings = {
  'not-object': () => 'debe ser un objeto',
  'id-format': (p) => `deben ser palabras en minúsculas unidas por guiones (p. ej., "${p.example}")`,
  'kind-unknown': (p) => `debe ser uno de estos: ${p.kinds}`,
  'list-empty': () => 'debe ser una lista no vacía',
  'not-boolean': () => 'debe ser true o false',
  'day-format': (p) => `debe ser un día como ${p.example}`,
  'facts-count': (p) => `debe ser una lista de ${p.min} a ${es(p.max, 'dato', 'datos')}`,
  'opinion-first': () => 'una opinión no puede ser uno de los dos primeros datos: pon primero los datos neutrales',
  'too-few-neutral-facts': (p) => `necesita al menos ${es(p.min, 'dato que no sea', 'datos que no sean')} opinión`,
  'alias-not-object': (p) => `debe ser un objeto como ${p.example}`,
  'alias-empty-folded': () => 'queda vacío al quitar los espacios y los caracteres invisibles',
  'lang-format': (p) => `debe ser un código de idioma como "${p.first}" o "${p.second}"`,
  'fact-not-object': () => 'debe ser un objeto con text, asOf y source',
  'date-format': (p) => `debe ser una fecha como ${p.example}`,
  'date-or-month-format': (p) => `debe ser una fecha como ${p.example} o ${p.month}`,
  'fact-type': () => 'debe ser "opinion" (u omitirse si el dato es neutral)',
  'source-missing': () => 'falta: cada dato necesita una fuente',
  'source-not-object': () => 'debe ser un objeto con publisher, title y date',
  'url-web': () => 'debe ser una dirección http: o https:',
  'url-https': () => 'debe ser una dirección https:',
  missing: () => 'falta',
  'not-text': () => 'debe ser texto',
  empty: () => 'está vacío',
  'too-long': (p) => `tiene ${es(p.length, 'carácter', 'caracteres')}; el límite es ${p.limit}`,
  'not-text-list': () => 'debe ser una lista de textos',
  'list-item-empty': () => 'debe ser un texto no vacío',
  'list-item-too-long': (p) => `tiene más de ${es(p.limit, 'carácter', 'caracteres')}`,
  'unknown-field': () => 'campo desconocido',
  'too-many-entries': (p) => `${es(p.count, 'entrada', 'entradas')}; el límite es ${p.limit}`,
  'too-many-aliases': (p) => `${es(p.count, 'alias', 'alias')} en total; el límite es ${p.limit}`,
  'duplicate-id': (p) => `id repetido (también en ${p.otherFile})`,
  'alias-claimed': (p) => `el alias "${p.alias}" ya pertenece a la entrada "${p.owner}"`,
  'related-self': () => 'una entrada no puede estar relacionada consigo misma',
  'related-unknown': (p) => `id desconocido "${p.id}"`,
  'file-too-big': (p) => `el archivo ocupa ${p.megabytes} MB; el límite es ${p.limit} MB`,
  'pack-too-big': (p) => `el paquete ocupa ${p.megabytes} MB; el límite es ${p.limit} MB`,
  'invalid-json': (p) => `no es JSON válido: ${p.error}`,
  'no-entries': () => 'el archivo no contiene entradas',
  'pack-not-object': () =>
    'debe ser un objeto JSON con format, name, publisher, revision, publishedAt, minAppVersion, entries y signature',
  'pack-format-missing': (p) => `falta (debe ser "${p.format}")`,
  'must-be-value': (p) => `debe ser "${p.value}"`,
  'not-positive-integer': () => 'debe ser un número entero, 1 o más',
  'date-time-format': (p) => `debe ser una fecha y hora UTC como ${p.example}`,
  'version-format': (p) => `debe ser una versión como "${p.example}"`,
  'not-entry-list': () => 'debe ser una lista de entradas',
  'pack-no-entries': () => 'el paquete no contiene entradas',
  'signature-missing': () => 'falta: el paquete no está firmado',
  'signature-not-object': () => 'debe ser un objeto con alg y value',
  'not-base64': () => 'debe ser texto en base64',
};

const WORDINGS: Record<Lang, Wordings> = { en: ENGLISH, es: SPANISH };

/** The problem's explanation in `lang` (every code has both languages). */
export function problemText(problem: Problem, lang: Lang): string {
  return wordProblem(problem, WORDINGS[lang]);
}
