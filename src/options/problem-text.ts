import type { Problem } from '../factsheet/validate';

/**
 * The "Why" of a fact-sheet problem in the UI language. The validator (src/factsheet/validate.ts,
 * shared with the build and the CLI) words its problems in English; the options page shows
 * them in Spanish too. Until problems carry a code with parameters, the English wording is
 * recognised here, pattern by pattern; a message not listed is shown in English (and marked
 * `lang="en"` by the caller), never dropped.
 */

type Rule = [RegExp, (m: RegExpExecArray) => string];

const ES: Rule[] = [
  [/^must be an object$/, () => 'debe ser un objeto'],
  [/^must be lower-case words joined by hyphens \(e\.g\. "(.+)"\)$/, (m) => `deben ser palabras en minúsculas unidas por guiones (p. ej., "${m[1]}")`],
  [/^must be one of (.+)$/, (m) => `debe ser uno de estos: ${m[1]}`],
  [/^must be a non-empty list$/, () => 'debe ser una lista no vacía'],
  [/^must be true or false$/, () => 'debe ser true o false'],
  [/^must be a day like (\S+)$/, (m) => `debe ser un día como ${m[1]}`],
  [/^must be a list of (\d+) to (\d+) facts$/, (m) => `debe ser una lista de ${m[1]} a ${m[2]} datos`],
  [/^an opinion cannot be one of the first two facts: put neutral facts first$/, () => 'una opinión no puede ser uno de los dos primeros datos: pon primero los datos neutrales'],
  [/^needs at least (\d+) facts that are not opinion$/, (m) => `necesita al menos ${m[1]} datos que no sean opinión`],
  [/^must be an object like (.+)$/, (m) => `debe ser un objeto como ${m[1]}`],
  [/^is empty once spaces and invisible characters are removed$/, () => 'queda vacío al quitar los espacios y los caracteres invisibles'],
  [/^must be a language code such as "(\w+)" or "(\w+)"$/, (m) => `debe ser un código de idioma como "${m[1]}" o "${m[2]}"`],
  [/^must be an object with text, asOf and source$/, () => 'debe ser un objeto con text, asOf y source'],
  [/^must be a date like (\S+) or (\S+)$/, (m) => `debe ser una fecha como ${m[1]} o ${m[2]}`],
  [/^must be a date like (\S+)$/, (m) => `debe ser una fecha como ${m[1]}`],
  [/^must be "opinion" \(or left out for a neutral fact\)$/, () => 'debe ser "opinion" (u omitirse si el dato es neutral)'],
  [/^missing: every fact needs a source$/, () => 'falta: cada dato necesita una fuente'],
  [/^must be an object with publisher, title and date$/, () => 'debe ser un objeto con publisher, title y date'],
  [/^must be an http: or https: address$/, () => 'debe ser una dirección http: o https:'],
  [/^must be an https: address$/, () => 'debe ser una dirección https:'],
  [/^missing$/, () => 'falta'],
  [/^must be text$/, () => 'debe ser texto'],
  [/^is empty$/, () => 'está vacío'],
  [/^is (\d+) characters long; the limit is (\d+)$/, (m) => `tiene ${m[1]} caracteres; el límite es ${m[2]}`],
  [/^must be a list of text$/, () => 'debe ser una lista de textos'],
  [/^must be non-empty text$/, () => 'debe ser un texto no vacío'],
  [/^is longer than (\d+) characters$/, (m) => `tiene más de ${m[1]} caracteres`],
  [/^unknown field$/, () => 'campo desconocido'],
  [/^(\d+) entries; the limit is (\d+)$/, (m) => `${m[1]} entradas; el límite es ${m[2]}`],
  [/^(\d+) aliases in all; the limit is (\d+)$/, (m) => `${m[1]} alias en total; el límite es ${m[2]}`],
  [/^duplicate id \(also in (.+)\)$/, (m) => `id repetido (también en ${m[1]})`],
  [/^alias "(.*)" is already claimed by entry "(.*)"$/s, (m) => `el alias "${m[1]}" ya pertenece a la entrada "${m[2]}"`],
  [/^an entry cannot be related to itself$/, () => 'una entrada no puede estar relacionada consigo misma'],
  [/^unknown id "(.*)"$/s, (m) => `id desconocido "${m[1]}"`],
  [/^the file is ([\d.]+) MB; the limit is ([\d.]+) MB$/, (m) => `el archivo ocupa ${m[1]} MB; el límite es ${m[2]} MB`],
  [/^not valid JSON: (.*)$/s, (m) => `no es JSON válido: ${m[1]}`],
  [/^the file holds no entries$/, () => 'el archivo no contiene entradas'],
];

/** The problem's explanation in `lang`, and the language it is actually in (English when not known in Spanish). */
export function problemText(problem: Pick<Problem, 'message'>, lang: 'en' | 'es'): { text: string; lang: 'en' | 'es' } {
  if (lang === 'es') {
    for (const [re, say] of ES) {
      const m = re.exec(problem.message);
      if (m) return { text: say(m), lang: 'es' };
    }
  }
  return { text: problem.message, lang: 'en' };
}
