// Heading-title keywords for every RFC 2350 outline section in English, Indonesian (incl. the BSSN template),
// French, German and Spanish, and the matcher that maps a heading title onto outline numbers.

/** Lower-case, accents stripped, punctuation turned into single spaces ("Fuseau horaire :" → "fuseau horaire"). */
export function normalizeTitle(text: string): string {
  // ASCII fast path: nothing to decompose.
  const plain = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Phrases per outline section: one '|'-separated string per language, in the order English, Indonesian (with the
 * BSSN template's wording), French, German, Spanish. Written normalised; a phrase matches whole words only.
 */
const keywords: Readonly<Record<string, readonly [string, string, string, string, string]>> = {
  '1': [
    'document information|about this document|about the document|information about this document',
    'informasi dokumen|mengenai dokumen|informasi mengenai dokumen|tentang dokumen|mengenai dokumen ini',
    'informations sur le document|information sur le document|a propos de ce document|a propos du document',
    'dokumentinformation|dokumentinformationen|informationen zum dokument|uber dieses dokument',
    'informacion del documento|informacion sobre el documento|acerca de este documento|sobre este documento',
  ],
  '1.1': [
    'date of last update|last update|last updated|date of last revision|last revision',
    'tanggal update terakhir|update terakhir|pembaruan terakhir|tanggal pembaruan|pemutakhiran terakhir',
    'date de derniere mise a jour|derniere mise a jour|date de mise a jour',
    'letzte aktualisierung|datum der letzten aktualisierung|letzte anderung',
    'fecha de la ultima actualizacion|ultima actualizacion|fecha de actualizacion',
  ],
  '1.2': [
    'distribution list|distribution list for notifications|notification of updates',
    'daftar distribusi|daftar distribusi untuk pemberitahuan',
    'liste de diffusion|liste de distribution',
    'verteiler|verteilerliste',
    'lista de distribucion',
  ],
  '1.3': [
    'locations where this document may be found|where this document may be found|location of this document|location of the document|document location|locations of this document|where to find this document',
    'lokasi dokumen|lokasi dimana dokumen|lokasi di mana dokumen|lokasi dokumen ini',
    'emplacement du document|emplacements ou trouver ce document|ou trouver ce document|localisation du document',
    'fundort|fundort dieses dokuments|wo dieses dokument',
    'ubicacion del documento|ubicaciones donde|donde encontrar este documento',
  ],
  '1.4': [
    'authenticating this document|authentication of this document|document authentication|authenticity of this document',
    'keaslian dokumen|autentikasi dokumen|keaslian dokumen ini',
    'authentification de ce document|authentification du document|authenticite du document',
    'authentifizierung dieses dokuments|authentizitat dieses dokuments|echtheit dieses dokuments',
    'autenticacion de este documento|autenticacion del documento|autenticidad del documento',
  ],
  '2': [
    'contact information|contact details|contact data',
    'informasi data kontak|informasi kontak|data kontak|informasi data|dan kontak',
    'coordonnees|informations de contact|contact',
    'kontaktinformationen|kontaktdaten|kontakt',
    'informacion de contacto|datos de contacto|contacto',
  ],
  '2.1': ['name of the team|team name', 'nama tim', 'nom de l equipe', 'name des teams|teamname', 'nombre del equipo'],
  '2.2': [
    'address|mailing address|postal address',
    'alamat|alamat kantor',
    'adresse|adresse postale',
    'anschrift|postanschrift',
    'direccion|direccion postal',
  ],
  '2.3': ['time zone|timezone', 'zona waktu', 'fuseau horaire', 'zeitzone', 'zona horaria|huso horario'],
  '2.4': [
    'telephone|telephone number|phone|phone number',
    'nomor telepon|telepon|nomor telpon|telp',
    'numero de telephone',
    'telefon|telefonnummer',
    'telefono|numero de telefono',
  ],
  '2.5': [
    'facsimile|facsimile number|fax|fax number',
    'nomor fax|nomor faks|faksimili|faks',
    'telecopie|numero de telecopie|numero de fax',
    'telefax|faxnummer',
    'numero de fax',
  ],
  '2.6': [
    'other telecommunication|other telecommunications|other communication',
    'telekomunikasi lain|telekomunikasi lainnya',
    'autres moyens de telecommunication|autres telecommunications|autre telecommunication',
    'andere telekommunikation|sonstige telekommunikation',
    'otras telecomunicaciones|otros medios de telecomunicacion',
  ],
  '2.7': [
    'electronic mail address|e mail address|email address|email|e mail',
    'alamat surat elektronik|surat elektronik|alamat email|alamat e mail',
    'adresse electronique|courrier electronique|adresse e mail|adresse de messagerie|adresse de courrier electronique|courriel',
    'e mail adresse|email adresse',
    'correo electronico|direccion de correo electronico|direccion de correo',
  ],
  '2.8': [
    'public keys|public key|encryption information|pgp key|pgp keys|public keys and encryption information',
    'kunci publik|informasi enkripsi|data enkripsi',
    'cles publiques|cle publique|informations de chiffrement',
    'offentliche schlussel|offentlicher schlussel|verschlusselung',
    'claves publicas|clave publica|informacion de cifrado',
  ],
  '2.9': [
    'team members|members of the team',
    'anggota tim',
    'membres de l equipe',
    'teammitglieder|mitglieder des teams',
    'miembros del equipo',
  ],
  '2.10': [
    'other information|additional information',
    'informasi lain|informasi lainnya|informasi data lain',
    'autres informations|informations complementaires',
    'sonstige informationen|weitere informationen',
    'otra informacion|otras informaciones|informacion adicional',
  ],
  '2.11': [
    'points of customer contact|customer contact|point of contact|points of contact|operating hours|hours of operation',
    'catatan catatan pada kontak|catatan pada kontak|catatan kontak|kontak pelanggan|jam operasional|jam kerja',
    'points de contact|point de contact|contact client|heures d ouverture|horaires',
    'kontaktaufnahme|ansprechpartner|servicezeiten',
    'puntos de contacto|punto de contacto|horario de atencion',
  ],
  '3': ['charter', 'piagam', 'charte|mandat', 'satzung', 'carta|estatuto'],
  '3.1': [
    'mission statement|mission',
    'misi|visi dan misi|pernyataan misi',
    'declaration de mission|mission',
    'missionserklarung|leitbild',
    'mision|declaracion de la mision|declaracion de mision',
  ],
  '3.2': [
    'constituency|constituents',
    'konstituen',
    'beneficiaires|communaute|public cible|perimetre',
    'zielgruppe|klientel',
    'comunidad|constituyentes|comunidad objetivo|circunscripcion',
  ],
  '3.3': [
    'sponsorship|affiliation|affiliations|sponsoring organization|sponsorship and or affiliation',
    'afiliasi',
    'parrainage|tutelle|affiliation',
    'forderung|zugehorigkeit',
    'patrocinio|afiliacion',
  ],
  '3.4': ['authority', 'otoritas|kewenangan', 'autorite', 'befugnis|befugnisse|autoritat', 'autoridad'],
  '4': ['policies', 'kebijakan|kebijakan kebijakan', 'politiques', 'richtlinien', 'politicas'],
  '4.1': [
    'types of incidents|incident types|level of support|types of incidents and level of support',
    'jenis insiden|jenis jenis insiden|tingkat dukungan|level dukungan',
    'types d incidents|niveau de support|niveau de soutien',
    'arten von vorfallen|vorfallsarten',
    'tipos de incidentes|nivel de soporte|nivel de apoyo',
  ],
  '4.2': [
    'co operation|cooperation|interaction|disclosure of information|information disclosure',
    'kerja sama|kerjasama|pengungkapan informasi|interaksi',
    'cooperation|divulgation|divulgation d informations',
    'zusammenarbeit|weitergabe von informationen',
    'cooperacion|divulgacion|divulgacion de informacion',
  ],
  '4.3': [
    'communication and authentication|communication',
    'komunikasi dan autentikasi|komunikasi',
    'communication et authentification|communication',
    'kommunikation und authentifizierung|kommunikation',
    'comunicacion y autenticacion|comunicacion',
  ],
  '5': ['services', 'layanan|layanan dan fungsi', 'services', 'dienste|dienstleistungen|leistungen', 'servicios'],
  '5.1': [
    'incident response|incident handling|incident management',
    'penanganan insiden|respon insiden|penanggulangan dan pemulihan insiden|layanan utama|layanan reaktif',
    'reponse aux incidents|reponse a incident|reponse a incidents|traitement des incidents|gestion des incidents',
    'vorfallbehandlung|reaktion auf vorfalle',
    'respuesta a incidentes|gestion de incidentes',
  ],
  '5.1.1': [
    'incident triage|triage',
    'triase|triase insiden',
    'tri des incidents|triage des incidents',
    'triage',
    'triaje|clasificacion de incidentes',
  ],
  '5.1.2': [
    'incident coordination|coordination',
    'koordinasi insiden|koordinasi',
    'coordination des incidents',
    'koordination|vorfallkoordination',
    'coordinacion|coordinacion de incidentes',
  ],
  '5.1.3': [
    'incident resolution|resolution',
    'resolusi insiden|penyelesaian insiden',
    'resolution des incidents',
    'vorfallbehebung|behebung',
    'resolucion|resolucion de incidentes',
  ],
  '5.2': [
    'proactive activities|proactive services|proactive',
    'layanan proaktif|proaktif|layanan tambahan',
    'activites proactives|services proactifs',
    'proaktive|proaktive dienste',
    'proactivas|actividades proactivas|servicios proactivos',
  ],
  '6': [
    'incident reporting forms|reporting forms|incident reporting|reporting',
    'pelaporan insiden|formulir pelaporan|formulir pelaporan insiden',
    'formulaires de declaration|formulaire de declaration|declaration d incident|signalement',
    'meldeformular|meldeformulare|meldung von vorfallen',
    'formularios|reporte de incidentes|notificacion de incidentes',
  ],
  '7': [
    'disclaimers|disclaimer',
    'penafian|disclaimer',
    'avertissement|avertissements|clause de non responsabilite|non responsabilite',
    'haftungsausschluss',
    'descargo de responsabilidad|exencion de responsabilidad|aviso legal',
  ],
};

/** Titles of a table of contents in the languages above. */
export const tocTitles: ReadonlySet<string> = new Set([
  'contents',
  'table of contents',
  'daftar isi',
  'sommaire',
  'table des matieres',
  'inhalt',
  'inhaltsverzeichnis',
  'indice',
  'contenido',
  'tabla de contenido',
]);

interface Entry {
  readonly words: readonly string[];
  readonly section: string;
  readonly length: number;
}

// Index phrases by their first word so matching a title only looks at phrases that can start in it.
const index = new Map<string, Entry[]>();
for (const [section, languages] of Object.entries(keywords)) {
  for (const phrase of new Set(languages.flatMap((l) => l.split('|')))) {
    const words = phrase.split(' ');
    const first = words[0] ?? '';
    const list = index.get(first) ?? [];
    list.push({ words, section, length: phrase.length });
    index.set(first, list);
  }
}

export interface TitleMatch {
  /** Outline section the title names. */
  readonly section: string;
  /** Length of its longest matching phrase, in characters. */
  readonly score: number;
  /** Share of the title's meaningful words (not "and", "of", "dan"…) its phrases cover, 0..1. */
  readonly coverage: number;
}

const stopWords = new Set([
  'and',
  'or',
  'of',
  'the',
  'for',
  'this',
  'to',
  'a',
  'an',
  'in',
  'on',
  'other',
  'dan',
  'atau',
  'untuk',
  'ini',
  'di',
  'pada',
  'yang',
  'lain',
  'serta',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'et',
  'ou',
  'sur',
  'd',
  'und',
  'oder',
  'der',
  'die',
  'das',
  'des',
  'von',
  'zum',
  'zur',
  'y',
  'o',
  'el',
  'los',
  'las',
  'del',
  'en',
  'number',
  'nomor',
  'numero',
]);

const cache = new Map<string, TitleMatch[]>();
const CACHE_MAX = 5_000;

/** Every outline section whose phrase occurs in the title, best first (one entry per section). */
export function matchTitle(title: string): TitleMatch[] {
  const cached = cache.get(title);
  if (cached) return cached;
  const result = computeMatches(title);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(title, result);
  return result;
}

function computeMatches(title: string): TitleMatch[] {
  const norm = normalizeTitle(title.slice(0, 300));
  if (norm === '') return [];
  const words = norm.split(' ');
  const meaningful = words.filter((w) => !stopWords.has(w)).length;
  const found = new Map<string, { score: number; covered: Set<number> }>();
  for (let i = 0; i < words.length; i++) {
    for (const entry of index.get(words[i] ?? '') ?? []) {
      if (!entry.words.every((w, k) => words[i + k] === w)) continue;
      const hit = found.get(entry.section) ?? { score: 0, covered: new Set<number>() };
      hit.score = Math.max(hit.score, entry.length);
      entry.words.forEach((w, k) => {
        if (meaningful === 0 || !stopWords.has(w)) hit.covered.add(i + k);
      });
      found.set(entry.section, hit);
    }
  }
  const denominator = meaningful === 0 ? words.length : meaningful;
  return [...found.entries()]
    .map(([section, hit]) => ({ section, score: hit.score, coverage: Math.min(1, hit.covered.size / denominator) }))
    .sort((a, b) => b.score - a.score || a.section.localeCompare(b.section));
}

/** The outline sections the parts of a merged title name ("Nomor Telepon dan Fax" → 2.4 and 2.5). */
export function titleParts(title: string): string[] {
  const parts = title.split(/[,/&+;]|\s(?:and|or|dan|atau|serta|et|ou|und|oder|y|o)\s/i);
  const found: string[] = [];
  for (const part of parts) {
    const top = matchTitle(part)[0];
    if (top && !found.includes(top.section)) found.push(top.section);
  }
  return found;
}
