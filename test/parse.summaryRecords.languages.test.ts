import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { questionsIn } from '../src/core/gist.js';
import { sessionIn } from '../src/documents/parse/common.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { detectSpeaker, speakerKey } from '../src/documents/parse/speakers.js';
import { coreWith } from './support/core.js';
import { ENGINES } from './support/stores.js';

/**
 * French and Spanish summary records, built in the layouts docstore.ohchr.org serves
 * (header lines, chair labels, time lines and the corrections notice as printed).
 */

const FRENCH_NOTICE = [
  'Le présent compte rendu est sujet à rectifications.',
  'Les rectifications doivent être rédigées dans l’une des langues de travail. Elles doivent être présentées dans un mémorandum et être également incorporées à un exemplaire du compte rendu. Il convient de les adresser, une semaine au plus tard à compter de la date du présent document, à la Section d’édition des documents officiels, bureau E.4108, Palais des Nations, Genève.',
];
const SPANISH_NOTICE = [
  'La presente acta podrá ser objeto de correcciones.',
  'Las correcciones deberán redactarse en uno de los idiomas de trabajo. Deberán presentarse en forma de memorando, incorporarse en un ejemplar del acta y enviarse, dentro del plazo de una semana a partir de la fecha del presente documento, a la Sección de Edición de los Documentos Oficiales, oficina E.4108, Palacio de las Naciones, Ginebra.',
];

interface Parts {
  distr?: string[];
  session?: string;
  title?: string;
  held?: string;
  chairs?: string[];
  contents?: string[];
  notice?: string[];
  body?: string[];
}

function french(p: Parts = {}): string {
  return [
    'Nations Unies',
    'CCPR/C/SR.3279',
    'Pacte international relatif aux droits civils et politiques',
    ...(p.distr ?? ['Distr. générale', '18 mars 2016', 'Original : français']),
    'Comité des droits de l’homme',
    p.session ?? 'Cent seizième session',
    p.title ?? 'Compte rendu analytique de la 3279e séance',
    p.held ?? 'Tenue au Palais Wilson, à Genève, le lundi 14 mars 2016, à 10 heures',
    ...(p.chairs ?? ['Président :M. Fathalla']),
    'Sommaire',
    ...(p.contents ?? ['Examen des rapports soumis par les États parties en application de l’article 40 du Pacte (suite)', 'Sixième rapport périodique de la Suède (suite)']),
    ...(p.notice ?? FRENCH_NOTICE),
    ...(p.body ?? [
      'La séance est ouverte à 10 h 5.',
      'Examen des rapports soumis par les États parties en application de l’article 40 du Pacte (suite)',
      '1.M. Salvioli dit que la loi sur l’égalité est récente.',
      '2.Le Président remercie la délégation.',
      'La séance est levée à 13 heures.',
    ]),
  ].join('\n\n');
}

function spanish(p: Parts = {}): string {
  return [
    'Naciones Unidas',
    'CMW/C/SR.137',
    'Convención Internacional sobre la protección de los derechos de todos los trabajadores migratorios y de sus familiares',
    ...(p.distr ?? ['Distr. general', '1º de marzo de 2011', 'Español', 'Original: francés']),
    'Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares',
    p.session ?? '13º período de sesiones',
    p.title ?? 'Acta resumida de la 137ª sesión',
    p.held ?? 'Celebrada en el Palais Wilson, Ginebra, el lunes 22 de noviembre de 2010, a las 10.00 horas',
    ...(p.chairs ?? ['Presidente:Sr. El Jamri']),
    'Sumario',
    ...(p.contents ?? ['Apertura del período de sesiones']),
    ...(p.notice ?? SPANISH_NOTICE),
    ...(p.body ?? [
      'Se declara abierta la sesión a las 10.10 horas.',
      'Apertura del período de sesiones',
      '1.El Presidente declara abierto el 13º período de sesiones.',
      '2.El Sr. Salvioli pregunta si el programa está aprobado.',
      'Se levanta la sesión a las 13.05 horas.',
    ]),
  ].join('\n\n');
}

const parse = (text: string) => parseDocument(text, { name: 'record.txt' });

describe('French and Spanish headers', () => {
  it('reads "Distr. générale", "Original : français" and "Compte rendu analytique de la 3279e séance"', () => {
    const doc = parse(french());
    expect(doc).toMatchObject({ kind: 'summary-record', language: 'fr', symbol: 'CCPR/C/SR.3279', committee: 'CCPR', meeting: 3279, issued: '2016-03-18' });
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['Compte rendu analytique de la 3279 e séance', 3279],
    ['COMPTE RENDU ANALYTIQUE DE LA 434ème SÉANCE', 434],
    ['Compte rendu analytique de la 3 2 7 9e séance', 3279],
    ['Compte rendu analytique de la première partie (publique)* de la 42 e séance', 42],
    ['Compte rendu analytique de la dixième séance', 10],
  ])('reads the meeting of "%s"', (title, meeting) => {
    expect(parse(french({ title })).meeting).toBe(meeting);
  });

  it('reads a title that runs over two lines ("... PARTIE (PUBLIQUE)*" / "DE LA 434ème SÉANCE")', () => {
    expect(parse(french({ title: 'COMPTE RENDU ANALYTIQUE DE LA DEUXIÈME PARTIE (PUBLIQUE)*\n\nDE LA 434ème SÉANCE' })).meeting).toBe(434);
  });

  it.each([
    ['Acta resumida de la 1840ª sesión', 1840],
    ['ACTA RESUMIDA DE LA 1840 a SESIÓN', 1840],
    ['ACTA RESUMIDA (PARCIAL) * DE LA 2576ª SESIÓN', 2576],
    ['Acta resumida de la segunda parte (pública)* de la décima sesión**', 10],
    ['Acta resumida de la 1643ª reunión', 1643],
  ])('reads the meeting of "%s"', (title, meeting) => {
    expect(parse(spanish({ title })).meeting).toBe(meeting);
  });

  it('reads "Distr. general" and "Distr. GENERAL" with Spanish dates', () => {
    expect(parse(spanish()).issued).toBe('2011-03-01');
    expect(parse(spanish({ distr: ['Distr.', 'GENERAL', '14 de septiembre de 2009', 'ESPAÑOL', 'Original: INGLÉS'] })).issued).toBe('2009-09-14');
  });

  it('splits a record number glued to the day as the title numbers it ("CRC/C/SR.112524 mai 2006")', () => {
    const text = ['NATIONS UNIES', 'CRC', 'Distr.GÉNÉRALE', 'CRC/C/SR.112524 mai 2006', 'Original: ANGLAIS', 'COMITÉ DES DROITS DE L’ENFANT', 'Quarante-quatrième session', 'COMPTE RENDU ANALYTIQUE DE LA 1125e SÉANCE', 'tenue au Palais Wilson, à Genève,le jeudi 16 mai 2006, à 10 heures', 'Président: Mme KHATTAB', 'La séance est ouverte à 10 h 05.', '1.Mme KHATTAB dit que la séance est publique.'].join('\n\n');
    expect(parse(text)).toMatchObject({ symbol: 'CRC/C/SR.1125', issued: '2006-05-24', committee: 'CRC', session: 44, held: '2006-05-16' });
  });

  it.each([
    ['Quatre-vingt-dix-neuvième session', 99],
    ['Cinquante et unième session', 51],
    ['Quarante ‑ cin qu ième session', 45],
    ['Quatorzièmesession', 14],
    ['101 e session', 101],
  ])('reads the French session "%s"', (session, n) => {
    expect(parse(french({ session })).session).toBe(n);
  });

  it.each([
    ['71º período de sesiones', 71],
    ['Quinto período de sesiones', 5],
    ['50° período de sesiones', 50],
    ['45 º período de sesiones', 45],
    ['Período de sesiones 41°', 41],
  ])('reads the Spanish session "%s"', (session, n) => {
    expect(parse(spanish({ session })).session).toBe(n);
  });

  it('reads French and Spanish sessions for every kind, "13 . º período de sesiones" too', () => {
    expect(sessionIn('Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares\n13 . º período de sesiones')).toBe(13);
    expect(sessionIn('Comité des droits de l’enfant\nSoixante-douzième session\n17 mai-3 juin 2016')).toBe(72);
    expect(sessionIn('Comité para la Eliminación de la Discriminación contra la Mujer\nsexagésimo cuarto período de sesiones')).toBe(64);
    expect(sessionIn('Comité contra la Desaparición Forzada\n23er período de sesiones')).toBe(23);
    expect(sessionIn('adoptées par le Comité à saquatre-vingt-deuxième session')).toBe(82);
  });

  it('reads "Tenue au Palais Wilson, à Genève, le lundi 15 mars 2010, à 10 heures"', () => {
    const doc = parse(french({ held: 'Tenue au Palais Wilson, à Genève, le lundi 15 mars 2010, à 10 heures' }));
    expect(doc.held).toBe('2010-03-15');
    expect(doc.meetingDetails).toMatchObject({ place: 'Palais Wilson, à Genève', time: '10:00' });
  });

  it('reads a held line over two blocks ("tenue au Palais des Nations, à Genève," / "le mercredi 17 mai 2000, à 10 heures")', () => {
    const doc = parse(french({ held: 'tenue au Palais des Nations, à Genève,\n\nle mercredi 17 mai 2000, à 10 heures' }));
    expect(doc.held).toBe('2000-05-17');
    expect(doc.meetingDetails?.time).toBe('10:00');
  });

  it('reads "Celebrada en el Palacio de las Naciones, Ginebra, el miércoles 15 de agosto de 2007, a las 10.00 horas", also glued to the title', () => {
    const doc = parse(spanish({ held: 'Celebrada en el Palacio de las Naciones, Ginebra, el miércoles 15 de agosto de 2007, a las 10.00 horas' }));
    expect(doc.held).toBe('2007-08-15');
    expect(doc.meetingDetails).toMatchObject({ place: 'Palacio de las Naciones, Ginebra', time: '10:00' });
    const glued = parse(spanish({ title: 'Acta resumida de la 2741 ª sesiónCelebrada en el Palais Wilson, Ginebra, el jueves 29 de julio de 2010, a las 15.00 horas', held: '' }));
    expect(glued).toMatchObject({ meeting: 2741, held: '2010-07-29' });
    expect(glued.meetingDetails?.time).toBe('15:00');
  });

  it('gives the corrections deadline from the French and Spanish notices, one week from the record', () => {
    for (const doc of [parse(french()), parse(spanish())]) {
      expect(doc.deadlines).toHaveLength(1);
      expect(doc.deadlines[0]).toMatchObject({ kind: 'corrections', derived: false, basis: expect.stringMatching(/^within one week of the date of the record/) });
    }
    expect(parse(french()).deadlines[0]!.due).toBe('2016-03-25');
    expect(parse(spanish()).deadlines[0]!.due).toBe('2011-03-08');
    // Without the notice the week is the committee's usual one, and says so.
    expect(parse(french({ notice: [] })).deadlines[0]).toMatchObject({ due: '2016-03-25', derived: true });
  });
});

describe('French and Spanish chairs', () => {
  it.each([
    ['fr', 'Président :M. Fathalla', 'M. Fathalla'],
    ['fr', 'Présidente :Mme Chanet', 'Mme Chanet'],
    ['fr', 'Président(e): M. Decaux', 'M. Decaux'],
    ['fr', 'Président : M.  sherifis', 'M. sherifis'],
    ['es', 'Presidente:Sr. El Jamri', 'Sr. El Jamri'],
    ['es', 'Presidenta:Sra. Dah', 'Sra. Dah'],
    ['es', 'P residente: Sr. Iwasawa', 'Sr. Iwasawa'],
    ['es', 'Presidenta:Sra. BELMIR (Vicepresidenta)', 'Sra. BELMIR'],
  ] as const)('%s: reads "%s"', (language, label, chair) => {
    const doc = parse((language === 'fr' ? french : spanish)({ chairs: [label] }));
    expect(doc.chair).toBe(chair);
    expect(doc.meetingDetails?.chairs).toHaveLength(1);
  });

  it('reads later chairs: "puis :" and "más tarde:"', () => {
    expect(parse(french({ chairs: ['Président : M. ABOUL-NASR', 'puis : M. DIACONU'] })).meetingDetails?.chairs).toEqual([
      { name: 'M. ABOUL-NASR', role: null, later: false },
      { name: 'M. DIACONU', role: null, later: true },
    ]);
    expect(parse(spanish({ chairs: ['Presidente: Sr. Kemal', 'más tarde: Sr. Diaconu (Vicepresidente)'] })).meetingDetails?.chairs).toEqual([
      { name: 'Sr. Kemal', role: null, later: false },
      { name: 'Sr. Diaconu', role: 'Vicepresidente', later: true },
    ]);
  });

  it('reads a temporary chair before the chair ("Président (e) provisoire:", "Presidenta provisional:")', () => {
    expect(parse(french({ chairs: ['Président (e) provisoire: M. Salama (Directeur)', 'Président(e): M. Decaux'] })).meetingDetails?.chairs.map((c) => c.name)).toEqual(['M. Salama', 'M. Decaux']);
    expect(parse(spanish({ chairs: ['Presidenta provisional: Sra. IZE-CHARRIN (Representante del Secretario General)', 'Presidente: Sr. BURNS'] })).chair).toBe('Sra. IZE-CHARRIN');
  });
});

describe('French and Spanish time lines', () => {
  it.each([
    ['La séance est ouverte à 10 h 5.', 'called-to-order', '10:05'],
    ['La séance est ouverte à 10 h 10.', 'called-to-order', '10:10'],
    ['La séance est ouverte à 15h 30.', 'called-to-order', '15:30'],
    ['La séance est ouverte à 15 heures 5.', 'called-to-order', '15:05'],
    ['La deuxième partie (publique) de la séance commence à 11 h 45.', 'called-to-order', '11:45'],
    ['Le débat résumé commence à 16 h 5.', 'discussion-began', '16:05'],
    ['La séance est levée à 13 heures.', 'rose', '13:00'],
    ['Se declara abierta la sesión a las 10.10 horas.', 'called-to-order', '10:10'],
    ['Se abre la sesión a las 10.00 horas.', 'called-to-order', '10:00'],
    ['Se declara abierta la sesión a las 10.35 a .m.', 'called-to-order', '10:35'],
    ['Se declara abierta la segunda parte ( pública ) de la sesión a las 12 . 45 horas .', 'called-to-order', '12:45'],
    ['Se levanta la sesión a las 13.05 horas.', 'rose', '13:05'],
  ])('"%s" is a time line: %s at %s', (line, event, time) => {
    const doc = parse(french({ body: [line, '1.M. Salvioli dit que la loi est récente.'] }));
    expect(doc.meetingDetails?.times.map((t) => [t.event, t.time])).toEqual([[event, time]]);
    expect(doc.paragraphs.map((p) => p.number)).toEqual([1]);
  });

  it('reads a suspension and its resumption on one line, in both languages', () => {
    for (const line of ['La séance est suspendue à 11 h 10; elle est reprise à 11 h 30.', 'Se suspende la sesión a las 11.10 horas y se reanuda a las 11.30 horas.']) {
      const doc = parse(spanish({ body: ['1.El Sr. Salvioli dice que la ley es reciente.', line, '2.El Presidente agradece a la delegación.'] }));
      expect(doc.meetingDetails?.times.map((t) => [t.event, t.time])).toEqual([['suspended', '11:10'], ['resumed', '11:30']]);
    }
  });
});

describe('French and Spanish speakers', () => {
  it.each([
    ['M. Salvioli dit que la loi est récente.', 'M. Salvioli'],
    ['Mme Medina Quiroga déclare qu’elle préfère le texte court.', 'Mme Medina Quiroga'],
    ['M me  Medina Quiroga demande si le texte est final.', 'Mme Medina Quiroga'],
    ['Le Président remercie la délégation.', 'Le Président'],
    ['La PRÉSIDENTE souhaite savoir si le Comité est d’accord.', 'La PRÉSIDENTE'],
    ['Un représentant du Japon rappelle que la loi a été modifiée.', 'Un représentant du Japon'],
    ['Le Président provisoire s’exprimant au nom de la Haut-Commissaire, déclare ouverte la session.', 'Le Président provisoire'],
    ['El Sr. El Jamri dice que el Comité ha concluido.', 'El Sr. El Jamri'],
    ['La Sra. Motoc (Relatora) agradece a la secretaría.', 'La Sra. Motoc'],
    ['La Sra. WEDGWOOD pregunta qué medidas se han adoptado.', 'La Sra. WEDGWOOD'],
    ['El PRESIDENTE señala que la lista está cerrada.', 'El PRESIDENTE'],
    ['La Presidenta declara abierto el período de sesiones.', 'La Presidenta'],
    ['Sr. Salvioli desea saber si la ley está en vigor.', 'Sr. Salvioli'],
    ['La Sra. MORALES (Secretaria del Comité), en respuesta a una pregunta del Sr. WANG Xuexian, dice que no hay documentación nueva.', 'La Sra. MORALES'],
  ])('"%s" opens with %s', (text, speaker) => {
    expect(detectSpeaker(text)?.speaker).toBe(speaker);
  });

  it('keeps the parenthesis as the role and finds no speaker without a verb of speech', () => {
    expect(detectSpeaker('Mme PAIN (Italie), présentant les rapports initiaux, dit que son pays les a ratifiés.')).toMatchObject({ speaker: 'Mme PAIN', role: 'Italie' });
    expect(detectSpeaker('M. Decaux est élu président par acclamation.')).toBeNull();
    expect(detectSpeaker('El Sr. Grossman fue elegido Presidente.')).toBeNull();
  });

  it('makes "M. Salvioli", "Mr. Salvioli", "Sr. Salvioli" and "El Sr. Salvioli" one person, and "Mme", "M me", "Sra." and "La Sra." Motoc another', () => {
    expect(new Set(['M. Salvioli', 'Mr. Salvioli', 'Sr. Salvioli', 'El Sr. Salvioli', 'el Sr. SALVIOLI'].map(speakerKey))).toEqual(new Set(['salvioli']));
    expect(new Set(['Mme Motoc', 'M me Motoc', 'Ms. Motoc', 'Sra. Motoc', 'La Sra. Motoc', 'Mlle Motoc', 'Srta. Motoc'].map(speakerKey))).toEqual(new Set(['motoc']));
    expect(speakerKey('El Sr. El Jamri')).toBe('el jamri');
    expect(speakerKey('M. Salvioli')).not.toBe(speakerKey('Mme Motoc'));
  });

  it('ends an intervention at procedural lines ("Le paragraphe 34, ainsi modifié, est adopté.", "Así queda acordado.")', () => {
    const doc = parse(french({
      body: [
        'La séance est ouverte à 15h 30.',
        'La Présidente déclare que le Comité reprend l’examen du projet.',
        'Le paragraphe 34, ainsi modifié, est adopté.',
        'Mme Evatt déclare qu’elle préfère le texte court.',
        'Il en est ainsi décidé.',
      ],
    }));
    expect(doc.interventions.map((v) => [v.speaker, v.paragraphs])).toEqual([['La Présidente', [1]], ['Mme Evatt', [3]]]);
    const es = parse(spanish({ body: ['Se declara abierta la sesión a las 15.15 horas.', 'La Presidenta dice que el Comité desea aprobar el informe.', 'Así queda acordado.', 'Por invitación de la Presidenta, la delegación toma asiento a la mesa del Comité.'] }));
    expect(es.interventions.map((v) => [v.speaker, v.paragraphs])).toEqual([['La Presidenta', [1]]]);
  });

  it('finds the questions of French and Spanish interventions by their verbs', () => {
    expect(questionsIn('M. Salvioli dit que la loi est récente. Il demande si elle est appliquée. Il souhaite savoir combien de plaintes ont été reçues.')).toEqual([
      'Il demande si elle est appliquée.',
      'Il souhaite savoir combien de plaintes ont été reçues.',
    ]);
    expect(questionsIn('El Sr. Salvioli dice que la ley es reciente. Pregunta si se aplica. Desea saber cuántas denuncias se han recibido.')).toEqual([
      'Pregunta si se aplica.',
      'Desea saber cuántas denuncias se han recibido.',
    ]);
  });
});

describe.each(ENGINES)('a French record through the core (%s)', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-fr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'ccpr-c-sr-3279-2016-fr.txt');
  writeFileSync(
    path,
    french({
      body: [
        'La séance est ouverte à 10 h 5.',
        'Examen des rapports soumis par les États parties en application de l’article 40 du Pacte (suite)',
        'Sixième rapport périodique de la Suède (suite) (CCPR/C/SWE/6)',
        '1.Sur l’invitation du Président, la délégation suédoise reprend place à la table du Comité.',
        '2.M. Salvioli dit que le Comité salue la nouvelle loi sur la discrimination. Il demande si les victimes peuvent saisir directement le médiateur pour l’égalité.',
        '3.Mme Jelić souhaite savoir quelles mesures ont été prises pour réduire la durée de la détention provisoire.',
        '4.M. Andersson (Suède) dit que les victimes peuvent s’adresser directement au médiateur, qui peut les représenter en justice.',
        '5.Le Président remercie la délégation pour ses réponses.',
        'La séance est levée à 13 heures.',
      ],
    }),
  );

  it('"summary 3279" names the chair and the speakers as written', async () => {
    const h = await coreWith([path], { engine });
    try {
      const r = await h.ask('summary 3279');
      expect(r.kind).toBe('answer');
      expect(r.fallback).toContain('Chair: M. Fathalla');
      for (const speaker of ['M. Salvioli', 'Mme Jelić', 'M. Andersson']) expect(r.fallback).toContain(speaker);
    } finally {
      await h.cleanup();
    }
  });

  it('"what did Mr. Salvioli ask?" finds M. Salvioli\'s question', async () => {
    const h = await coreWith([path], { engine });
    try {
      const r = await h.ask('what did Mr. Salvioli ask?');
      expect(r.kind).toBe('answer');
      const list = r.blocks.find((b) => b.type === 'list');
      expect(list?.type === 'list' && list.items.map((i) => [i.cite?.where, i.text])).toEqual([
        ['para. 2', expect.stringContaining('Il demande si les victimes peuvent saisir directement le médiateur')],
      ]);
    } finally {
      await h.cleanup();
    }
  });
});
