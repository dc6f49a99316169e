import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { coreWith, type CoreHarness } from './support/core.js';
import { ENGINES } from './support/stores.js';

/**
 * Concluding observations, follow-up evaluations, lists of issues and follow-up replies in
 * French and Spanish read into the same shape as English ones, and documents in Arabic,
 * Chinese and Russian keep what their Latin lines say. The short documents here are written
 * for the tests, laid out as the real ones are (test/corpus holds documents modelled on real
 * ones); each checks one rule.
 */

const parse = (text: string) => parseDocument(text, { name: 'doc.txt' });
const deadlines = (doc: ReturnType<typeof parse>) => doc.deadlines.map((d) => `${d.kind} ${d.due}`);
const evaluations = (doc: ReturnType<typeof parse>) =>
  doc.followUp.evaluations.map((e) => `${e.paragraph}${e.subparagraphs.map((s) => ` (${s})`).join('')} [${e.grade ?? '-'}] ${e.assessment ?? 'none'}`);

/** A French CCPR addendum on one State, graded section by section. */
function frenchAddendum(sections: ReadonlyArray<[number, string, string]>): string {
  const parts = sections.map(
    ([n, grade, evaluation]) => `Paragraphe ${n} : Sujet de la recommandation ${n}

L’État partie devrait prendre les mesures voulues.

Réponse de l’État partie

L’État partie décrit les mesures qu’il a prises.

Évaluation du Comité

[${grade}] : Paragraphe ${n}

${evaluation}
`,
  );
  return `Nations Unies

CCPR/C/133/3/Add.4

Pacte international relatif aux droits civils et politiques

Distr. générale

20 décembre 2021

Français

Original : anglais

Comité des droits de l’homme

Rapport sur le suivi des observations finales du Comité des droits de l’homme

Additif

Évaluation des renseignements reçus au titre du suivi des observations finales concernant le Togo

Observations finales (127e session) :

CCPR/C/TGO/CO/5, 16 octobre 2019

Paragraphes faisant l’objet d’un suivi :

${sections.map(([n]) => n).join(', ')}

Renseignements reçus de l’État partie :

CCPR/C/TGO/FCO/5, 3 novembre 2020

${parts.join('\n')}`;
}

/** The same in Spanish. */
function spanishAddendum(sections: ReadonlyArray<[number, string, string]>): string {
  const parts = sections.map(
    ([n, grade, evaluation]) => `Párrafo ${n}: Tema de la recomendación ${n}

El Estado parte debe adoptar las medidas necesarias.

Respuesta del Estado parte

El Estado parte describe las medidas adoptadas.

Evaluación del Comité

[${grade}]: Párrafo ${n}

${evaluation}
`,
  );
  return `Naciones Unidas

CCPR/C/133/3/Add.3

Pacto Internacional de Derechos Civiles y Políticos

Distr. general

20 de diciembre de 2021

Español

Original: inglés

Comité de Derechos Humanos

Informe sobre el seguimiento de las observaciones finales del Comité de Derechos Humanos

Adición

Evaluación de la información sobre el seguimiento de las observaciones finales relativas al Uruguay

Observaciones finales (123er período de sesiones):

CCPR/C/URY/CO/5, 23 de julio de 2018

Párrafos objeto de seguimiento:

${sections.map(([n]) => n).join(', ')}

Información recibida del Estado parte:

CCPR/C/URY/FCO/5, 30 de julio de 2020

${parts.join('\n')}`;
}

describe('assessment sentences in French and Spanish mean what the English ones do, and grades stay letters', () => {
  const FRENCH: Array<[string, string, string]> = [
    ['B', 'Le Comité considère que la recommandation a été partiellement mise en œuvre.', 'partially implemented'],
    ['A', 'Le Comité considère que la recommandation a été mise en œuvre.', 'implemented'],
    ['C', 'Le Comité estime que la recommandation n’a pas été appliquée à ce jour.', 'not implemented'],
    ['D', 'Le Comité considère qu’aucun renseignement n’a été reçu sur la suite donnée à la recommandation.', 'no information'],
    ['E', 'Le Comité estime que les mesures prises sont contraires à la recommandation.', 'contrary to the recommendation'],
  ];
  const SPANISH: Array<[string, string, string]> = [
    ['B', 'El Comité considera que la recomendación se ha aplicado parcialmente.', 'partially implemented'],
    ['A', 'El Comité considera que la recomendación se ha aplicado.', 'implemented'],
    ['C', 'El Comité considera que la recomendación no se ha aplicado.', 'not implemented'],
    ['D', 'El Comité considera que no se ha recibido información sobre el seguimiento de la recomendación.', 'no information'],
    ['E', 'El Comité considera que las medidas adoptadas son contrarias a la recomendación.', 'contrary to the recommendation'],
  ];

  it.each(FRENCH)('French [%s]: "%s"', (grade, sentence, meaning) => {
    const doc = parse(frenchAddendum([[24, grade, sentence]]));
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(doc.language).toBe('fr');
    expect(evaluations(doc)).toEqual([`24 [${grade}] ${meaning}`]);
  });

  it.each(SPANISH)('Spanish [%s]: "%s"', (grade, sentence, meaning) => {
    const doc = parse(spanishAddendum([[24, grade, sentence]]));
    expect(doc.language).toBe('es');
    expect(evaluations(doc)).toEqual([`24 [${grade}] ${meaning}`]);
  });

  it('reads the labelled lines of a French or Spanish addendum: what is evaluated, the follow-up paragraphs, the State’s reply', () => {
    const fr = parse(frenchAddendum([[12, 'B', FRENCH[0]![1]], [24, 'C', FRENCH[2]![1]], [36, 'A', FRENCH[1]![1]]]));
    expect(fr).toMatchObject({ committee: 'CCPR', country: 'TGO', followUp: { paragraphs: [12, 24, 36] } });
    expect(fr.evaluation?.evaluated).toEqual({ symbol: 'CCPR/C/TGO/CO/5', session: 127, date: '2019-10-16' });
    expect(fr.evaluation?.fromStateParty).toEqual([{ name: null, symbol: 'CCPR/C/TGO/FCO/5', date: '2020-11-03' }]);
    expect(evaluations(fr)).toEqual(['12 [B] partially implemented', '24 [C] not implemented', '36 [A] implemented']);
    const es = parse(spanishAddendum([[12, 'B', SPANISH[0]![1]], [24, 'C', SPANISH[2]![1]]]));
    expect(es).toMatchObject({ country: 'URY', followUp: { paragraphs: [12, 24] } });
    expect(evaluations(es)).toEqual(['12 [B] partially implemented', '24 [C] not implemented']);
    expect(es.evaluation?.fromStateParty[0]).toMatchObject({ symbol: 'CCPR/C/URY/FCO/5', date: '2020-07-30' });
  });

  it('reads the French and Spanish grade legends, a letter alone on its line too', () => {
    const fr = parse(`Nations Unies

CCPR/C/119/2

Distr. générale

18 mai 2017

Comité des droits de l’homme

Rapport sur le suivi des observations finales du Comité des droits de l’homme

Nouvelle classification des réponses

A

Réponse ou mesures satisfaisantes dans l’ensemble : L’État partie a démontré qu’il avait pris des mesures suffisantes.

B

Réponse ou mesures partiellement satisfaisantes : Des renseignements ou des mesures supplémentaires sont nécessaires.

C Réponse ou mesure insatisfaisante : Une réponse a été reçue, mais les mesures prises ne mettent pas en œuvre la recommandation.

D Absence de coopération avec le Comité : Aucun rapport de suivi n’a été reçu après un ou plusieurs rappels.

E Les informations ou les mesures prises sont contraires à la recommandation ou traduisent son rejet.
`);
    expect(fr.kind).toBe('follow-up-evaluation');
    expect(fr.evaluation?.legend?.map((e) => `${e.letter} ${e.meaning}`)).toEqual([
      'A implemented',
      'B partially implemented',
      'C not implemented',
      'D no information',
      'E contrary to the recommendation',
    ]);
    expect(fr.followUp.evaluations).toEqual([]);
    const es = parse(`Naciones Unidas

CED/C/23/3

Distr. general

12 de octubre de 2022

Comité contra la Desaparición Forzada

Informe sobre el seguimiento de las observaciones finales del Comité contra la Desaparición Forzada

Evaluación de las respuestas

A Respuesta/medida satisfactoria

B Respuesta/medida parcialmente satisfactoria

C Respuesta/medida no satisfactoria

D Falta de cooperación con el Comité

E La información o las medidas adoptadas son contrarias a las recomendaciones del Comité
`);
    expect(es.evaluation?.legend?.map((e) => `${e.letter} ${e.meaning}`)).toEqual([
      'A implemented',
      'B partially implemented',
      'C not implemented',
      'D no information',
      'E contrary to the recommendation',
    ]);
  });
});

describe('lists of issues that assess follow-up in words, in French and Spanish', () => {
  const list = (language: 'fr' | 'es', paragraph1: string) =>
    parse(
      language === 'fr'
        ? `Nations Unies

CAT/C/TGO/QPR/4

Distr. générale

6 janvier 2022

Comité contre la torture

Liste de points établie avant la soumission du quatrième rapport périodique du Togo *

Questions retenues aux fins du suivi dans les précédentes observations finales

1.${paragraph1}

2.Décrire les mesures prises depuis l’examen précédent.
`
        : `Naciones Unidas

CAT/C/URY/QPR/5

Distr. general

6 de enero de 2022

Comité contra la Tortura

Lista de cuestiones previa a la presentación del quinto informe periódico del Uruguay *

Cuestiones que debían ser objeto de seguimiento en aplicación de las observaciones finales anteriores

1.${paragraph1}

2.Sírvanse describir las medidas adoptadas desde el examen anterior.
`,
    );

  it('"n’a pas été appliquée à ce jour" and "ne l’ont été que partiellement", each for its own paragraphs', () => {
    const doc = list(
      'fr',
      'Dans ses précédentes observations finales, le Comité a demandé à l’État partie de lui faire parvenir des renseignements sur la suite donnée à ses recommandations (par. 9 a), 13 et 15). Le Comité estime que la recommandation formulée au paragraphe 15 n’a pas été appliquée à ce jour (voir le paragraphe 20 du présent document) et que les recommandations formulées aux paragraphes 9 a) et 13 ne l’ont été que partiellement.',
    );
    expect(doc).toMatchObject({ kind: 'list-of-issues', language: 'fr', country: 'TGO', followUp: { paragraphs: [9, 13, 15] } });
    expect(evaluations(doc)).toEqual(['15 [-] not implemented', '9 (a) [-] partially implemented', '13 [-] partially implemented']);
  });

  it('"se han aplicado parcialmente" for all the paragraphs it names', () => {
    const doc = list(
      'es',
      'En sus observaciones finales anteriores, el Comité solicitó al Estado parte que proporcionara información sobre el seguimiento de sus recomendaciones (párrs. 12, 24 y 36). El Comité considera que las recomendaciones formuladas en los párrafos 12, 24 y 36 de las observaciones finales anteriores se han aplicado parcialmente.',
    );
    expect(doc).toMatchObject({ kind: 'list-of-issues', language: 'es', country: 'URY', followUp: { paragraphs: [12, 24, 36] } });
    expect(evaluations(doc)).toEqual(['12 [-] partially implemented', '24 [-] partially implemented', '36 [-] partially implemented']);
  });
});

/** French concluding observations adopted at the 3279th meeting on 15 March 2010, with the given closing paragraphs. */
function frenchObservations(closing: string): string {
  return `Nations Unies

CCPR/C/TGO/CO/4

Pacte international relatif aux droits civils et politiques

Distr. générale

30 mars 2010

Français

Original : anglais

Comité des droits de l’homme

Observations finales concernant le quatrième rapport périodique du Togo *

1.Le Comité a examiné le quatrième rapport périodique du Togo (CCPR/C/TGO/4) à ses 3270e et 3271e séances, les 8 et 9 mars 2010. À sa 3279e séance, le 15 mars 2010, il a adopté les présentes observations finales.

2.Le Comité recommande à l’État partie de renforcer son institution nationale des droits de l’homme.

${closing}
`;
}

/** Spanish concluding observations adopted at the 1840th meeting on 15 March 2010. */
function spanishObservations(closing: string): string {
  return `Naciones Unidas

CCPR/C/URY/CO/4

Pacto Internacional de Derechos Civiles y Políticos

Distr. general

30 de marzo de 2010

Español

Original: inglés

Comité de Derechos Humanos

Observaciones finales sobre el cuarto informe periódico del Uruguay *

1.El Comité examinó el cuarto informe periódico del Uruguay (CCPR/C/URY/4) en sus sesiones 1838ª y 1839ª, celebradas los días 8 y 9 de marzo de 2010. En su 1840ª sesión, celebrada el 15 de marzo de 2010, aprobó las presentes observaciones finales.

2.El Comité recomienda al Estado parte que fortalezca su institución nacional de derechos humanos.

${closing}
`;
}

describe('follow-up requests, next reports and adoption in French and Spanish give the deadlines the English ones do', () => {
  it('reads the adoption meeting and day: "à sa 3279e séance, le 15 mars 2010", "en su 1840ª sesión, celebrada el 15 de marzo de 2010"', () => {
    expect(parse(frenchObservations('')).observations?.adoption).toEqual({ meeting: 3279, date: '2010-03-15' });
    expect(parse(spanishObservations('')).observations?.adoption).toEqual({ meeting: 1840, date: '2010-03-15' });
  });

  it.each([
    ['dans un délai d’un an', 'fr', 'Le Comité demande à l’État partie de lui faire parvenir, dans un délai d’un an à compter de l’adoption des présentes observations finales, des renseignements sur la suite donnée aux recommandations formulées aux paragraphes 12, 24 et 36.', '2011-03-15'],
    ['dans un délai de deux ans', 'fr', 'L’État partie est invité à faire parvenir, dans un délai de deux ans, des renseignements sur la suite qu’il aura donnée aux recommandations formulées aux paragraphes 12, 24 et 36 ci-dessus.', '2012-03-15'],
    ['d’ici au <date>', 'fr', 'Conformément à l’article 75 (par. 1) du règlement intérieur du Comité, l’État partie est invité à faire parvenir, d’ici au 10 novembre 2011, des renseignements sur la suite qu’il aura donnée aux recommandations formulées aux paragraphes 12 (discrimination), 24 et 36 ci-dessus.', '2011-11-10'],
    ['en el plazo de un año', 'es', 'El Comité solicita al Estado parte que proporcione, en el plazo de un año a partir de la aprobación de las presentes observaciones finales, información sobre la aplicación de las recomendaciones formuladas en los párrafos 12, 24 y 36.', '2011-03-15'],
    ['dentro del plazo de dos años', 'es', 'Se pide al Estado parte que facilite, dentro del plazo de dos años, información sobre la aplicación de las recomendaciones formuladas en los párrafos 12, 24 y 36 supra.', '2012-03-15'],
    ['a más tardar el <date>', 'es', 'De conformidad con el artículo 75, párrafo 1, del reglamento del Comité, se pide al Estado parte que facilite, a más tardar el 10 de noviembre de 2011, información sobre la aplicación de las recomendaciones formuladas en los párrafos 12, 24 y 36 supra.', '2011-11-10'],
  ])('"%s" (%s), for the paragraphs it names', (_form, language, sentence, due) => {
    const doc = language === 'fr' ? parse(frenchObservations(`30.${sentence}`)) : parse(spanishObservations(`30.${sentence}`));
    expect(doc.followUp.paragraphs).toEqual([12, 24, 36]);
    expect(deadlines(doc)).toEqual([`follow-up-reply ${due}`]);
    expect(doc.observations?.followUpRequest?.paragraph).toBe(30);
  });

  it('reads a list of paragraphs in parentheses after each topic, with CAT’s one-parenthesis labels', () => {
    const doc = parse(frenchObservations('30.Le Comité demande à l’État partie de lui faire parvenir d’ici au 15 mars 2011 des renseignements sur la suite qu’il aura donnée à ses recommandations concernant les garanties juridiques (par. 9 a)), les enquêtes (par. 13) et la détention (par. 15).'));
    expect(doc.observations?.followUpRequest?.refs).toEqual([
      { paragraph: 9, subparagraphs: ['a'] },
      { paragraph: 13, subparagraphs: [] },
      { paragraph: 15, subparagraphs: [] },
    ]);
  });

  it.each([
    ['fr', 'Le Comité demande à l’État partie de soumettre son prochain rapport périodique d’ici au 15 mars 2027.'],
    ['fr', 'Le Comité invite l’État partie à soumettre son prochain rapport périodique, qui sera le cinquième, le 15 mars 2027 au plus tard.'],
    ['fr', 'Le Comité fixe au 15 mars 2027 la date de soumission du cinquième rapport périodique.'],
    ['es', 'El Comité pide al Estado parte que presente su próximo informe periódico a más tardar el 15 de marzo de 2027.'],
    ['es', 'El Comité invita al Estado parte a que presente sus informes periódicos quinto y sexto combinados a más tardar el 15 de marzo de 2027.'],
    ['es', 'El Comité fija el 15 de marzo de 2027 como fecha de presentación del quinto informe periódico.'],
  ])('the next report (%s): "%s"', (language, sentence) => {
    const doc = language === 'fr' ? parse(frenchObservations(`31.${sentence}`)) : parse(spanishObservations(`31.${sentence}`));
    expect(deadlines(doc)).toEqual(['next-periodic-report 2027-03-15']);
    expect(doc.observations?.nextReport).toMatchObject({ paragraph: 31, due: '2027-03-15' });
  });

  it('takes the paragraphs that recommend, in French and Spanish, as recommendations', () => {
    expect(parse(frenchObservations('')).observations?.recommendations.map((r) => r.paragraph)).toEqual([2]);
    expect(parse(spanishObservations('')).observations?.recommendations.map((r) => r.paragraph)).toEqual([2]);
  });

  it('does not take the next report’s date for a follow-up request', () => {
    const doc = parse(spanishObservations('31.El Comité pide al Estado parte que presente su próximo informe periódico a más tardar el 15 de marzo de 2027 e incluya en él información sobre los párrafos 12 y 24.'));
    expect(doc.observations?.followUpRequest).toBeNull();
    expect(deadlines(doc)).toEqual(['next-periodic-report 2027-03-15']);
  });
});

describe('kinds from French and Spanish titles', () => {
  it.each([
    ['Observations finales du Comité contre la torture', 'concluding-observations'],
    ['Observaciones finales: Perú', 'concluding-observations'],
    ['Évaluation des renseignements reçus au titre du suivi des observations finales concernant le Togo', 'follow-up-evaluation'],
    ['Evaluación de la información recibida sobre el seguimiento de las observaciones finales relativas al Uruguay', 'follow-up-evaluation'],
    ['Liste des points à traiter à l’occasion de l’examen du quatrième rapport périodique du Togo', 'list-of-issues'],
    ['Lista de cuestiones relativa al quinto informe periódico del Uruguay', 'list-of-issues'],
    ['Renseignements reçus de l’État partie au sujet de la suite donnée aux observations finales', 'follow-up-reply'],
    ['Información recibida del Estado parte sobre el seguimiento de las observaciones finales', 'follow-up-reply'],
  ])('"%s" is %s', (title, kind) => {
    const doc = parse(`Comité contre la torture\n\n${title}\n\nLe Comité remercie l’État partie.\n`);
    expect(doc.kind).toBe(kind);
  });

  it('reads the date a French or Spanish follow-up reply was received', () => {
    const fr = parse(`Nations Unies

CAT/C/TGO/CO/3/Add.1

Distr. générale

2 février 2021

Comité contre la torture

Observations finales concernant le troisième rapport périodique du Togo

Additif

Renseignements reçus du Togo au sujet de la suite donnée aux observations finales *

[Date de réception : 17 décembre 2020]

1.Le Gouvernement togolais communique les renseignements suivants.
`);
    expect(fr).toMatchObject({ kind: 'follow-up-reply', language: 'fr', country: 'TGO', issued: '2021-02-02' });
    expect(fr.warnings.join(' ')).not.toContain('received');
    const es = parse(`Naciones Unidas

CAT/C/URY/CO/3/Add.1

Distr. general

2 de febrero de 2021

Comité contra la Tortura

Información recibida del Uruguay sobre el seguimiento de las observaciones finales *

[Fecha de recepción: 17 de diciembre de 2020]

1.El Gobierno del Uruguay comunica la información siguiente.
`);
    expect(es).toMatchObject({ kind: 'follow-up-reply', language: 'es', country: 'URY' });
    expect(es.warnings.join(' ')).not.toContain('received');
  });
});

describe('documents in Arabic, Chinese and Russian keep what their Latin lines say', () => {
  const ARABIC = `الأمم المتحدة

CCPR/C/ROU/CO/5

العهد الدولي الخاص بالحقوق المدنية والسياسية

Distr.: General

11 December 2017

Arabic

Original: English

اللجنة المعنية بحقوق الإنسان

الملاحظات الختامية بشأن التقرير الدوري الخامس لرومانيا *

1- نظرت اللجنة في التقرير الدوري الخامس لرومانيا في جلستيها المعقودتين في تشرين الأول/أكتوبر 2017، واعتمدت هذه الملاحظات الختامية.

2- ترحب اللجنة بالحوار البناء مع وفد الدولة الطرف.
`;
  const CHINESE = `联 合 国

CAT/C/KWT/QPR/4

禁止酷刑和其他残忍、不人道或有辱人格的待遇或处罚公约

Distr.: General

14 June 2019

Chinese

Original: English

禁止酷刑委员会

关于科威特第四次定期报告的问题清单*

1.委员会在上次结论性意见中请缔约国提供后续资料。委员会认为有关建议已部分得到落实。

2.请说明缔约国为落实上述建议采取的措施。
`;
  const RUSSIAN = `Организация Объединенных Наций

CCPR/C/133/3/Add.2

Международный пакт о гражданских и политических правах

Distr.: General

20 December 2021

Russian

Original: English

Комитет по правам человека

Доклад о последующей деятельности в связи с заключительными замечаниями Комитета по правам человека

Оценка информации о последующей деятельности в связи с заключительными замечаниями по Венгрии

1.Комитет рассмотрел информацию государства-участника и считает, что рекомендация выполнена частично.

2.Комитет просит представить дополнительную информацию.
`;

  it.each([
    ['Arabic', 'ar', ARABIC, { kind: 'concluding-observations', symbol: 'CCPR/C/ROU/CO/5', committee: 'CCPR', country: 'ROU', issued: '2017-12-11' }],
    ['Chinese', 'zh', CHINESE, { kind: 'list-of-issues', symbol: 'CAT/C/KWT/QPR/4', committee: 'CAT', country: 'KWT', issued: '2019-06-14' }],
    ['Russian', 'ru', RUSSIAN, { kind: 'unknown', symbol: 'CCPR/C/133/3/Add.2', committee: 'CCPR', country: null, issued: '2021-12-20' }],
  ])('%s: kind, symbol, committee, State and date, the language named, a warning, and no paragraphs', (name, language, text, facts) => {
    const doc = parse(text);
    expect(doc).toMatchObject({ ...facts, language });
    expect(doc.warnings).toContain(`The document is in ${name}: its kind and symbol are read, its body is not (Rapporteur reads English, French and Spanish).`);
    expect(doc.paragraphs).toEqual([]);
    expect(doc.followUp).toEqual({ paragraphs: [], evaluations: [] });
    expect(doc.deadlines).toEqual([]);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'fr-es-reports-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const TOGO_EVALUATION = write(
  'togo-fr.txt',
  frenchAddendum([
    [12, 'B', 'Le Comité considère que la recommandation a été partiellement mise en œuvre. Il demande des renseignements sur les enquêtes ouvertes.'],
    [24, 'C', 'Le Comité estime que la recommandation n’a pas été appliquée à ce jour. Il réitère sa recommandation.'],
  ]),
);
const URUGUAY_OBSERVATIONS = write(
  'uruguay-es.txt',
  spanishObservations(`30.El Comité solicita al Estado parte que proporcione, en el plazo de un año, información sobre la aplicación de las recomendaciones formuladas en los párrafos 12, 24 y 36.

31.El Comité pide al Estado parte que presente su próximo informe periódico a más tardar el 15 de marzo de 2027.`),
);

const quotes = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'quote' ? [b.text] : []));

describe.each(ENGINES)('French and Spanish documents answer questions on %s', (engine) => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreWith([TOGO_EVALUATION, URUGUAY_OBSERVATIONS], { engine });
  });
  afterAll(async () => h?.cleanup());

  it('"status of para 24 Togo" over a French follow-up evaluation gives the grade and the assessment', async () => {
    const r = await h.ask('status of para 24 Togo');
    expect(r.kind).toBe('answer');
    expect(quotes(r)).toEqual([expect.stringMatching(/^\[C\] 24: not implemented/)]);
    // Quotes stay in the document's language.
    expect(quotes(r)[0]).toContain('n’a pas été appliquée à ce jour');
  });

  it('"deadlines Uruguay" over Spanish concluding observations gives the follow-up and next-report dates', async () => {
    const r = await h.ask('deadlines Uruguay');
    expect(r.kind).toBe('answer');
    expect(r.fallback).toMatch(/Follow-up information on CCPR\/C\/URY\/CO\/4 \(paragraphs 12, 24, 36\): due 15 March 2011/);
    expect(r.fallback).toMatch(/Next periodic report .*CCPR\/C\/URY\/CO\/4: due 15 March 2027/);
  });
});
