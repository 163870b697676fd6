"""Who takes part in the demo network, as plain data: organisations, name pools, each active
committee's bodies and meetings, and the Ardèche committee's story (seeds 002 and 004).

Organisations are those the seeds name (000: Centre-Val de Loire, 37-41, Hautes-Pyrénées, PACA,
Loire-Atlantique; 002 and 004: Ardèche) plus, for committees the seeds do not describe, their
département's council and Caf. People are fictional: names are drawn from the pools below with a
fixed seed, and no pool holds a name of a real person quoted in the seeds
(tests/demo/test_participation_demo.py checks it). Items marked `# ~` are illustrative: the seeds
imply them, not their date or detail.
"""

from dataclasses import dataclass
from datetime import date

from api.bodies.schemas import BodyKind
from api.meetings.schemas import HeadcountCategory, MeetingKind, MeetingMode
from api.organisations.schemas import OrganisationType as T
from api.people.schemas import PersonCategory as P

SEED = 20220329
# Later members join by this day at the latest, so the demo does not change with the date it is
# loaded on (only renewals run up to today, so that terms are current).
LATEST_JOIN = date(2025, 6, 30)


@dataclass(frozen=True)
class Org:
    name: str
    type: T
    department: str | None = None


CD07 = "Conseil départemental de l'Ardèche"
OCELLIA = "Ocellia"
CAF07 = "Caf de l'Ardèche"
MSA07 = "MSA Ardèche Drôme Loire"
UDAF07 = "UDAF de l'Ardèche"
UDCCAS07 = "UDCCAS de l'Ardèche"
ADSEA07 = "ADSEA de l'Ardèche"
CCAS_ANNONAY = "CCAS d'Annonay"
SOLEN = "Solen"
FAS_ARA = "Fédération des acteurs de la solidarité Auvergne-Rhône-Alpes"
COMITE_D_BASE = "Comité-D-Base"
CRPA_ARA = "CRPA Auvergne-Rhône-Alpes"

# Carriers the committee loader creates (network_data.py) are reused by name, not listed here.
ORGANISATIONS = (
    # Ardèche (seed 004: "CAF, MSA, UDAF, UDCCAS, ADSEA, CCAS d'Annonay", Solen, CRPA...)
    Org(CAF07, T.caf, "07"),
    Org(MSA07, T.msa, "07"),
    Org(UDAF07, T.association, "07"),
    Org(UDCCAS07, T.ccas, "07"),
    Org(ADSEA07, T.association, "07"),
    Org(CCAS_ANNONAY, T.ccas, "07"),
    Org(SOLEN, T.association, "07"),
    Org(COMITE_D_BASE, T.association, "07"),
    Org(FAS_ARA, T.federation),
    Org(CRPA_ARA, T.crpa),
    # Centre-Val de Loire and 37-41 (seed 000: the 37-41 charter and the regional committee)
    Org("Fédération des acteurs de la solidarité Centre-Val de Loire", T.federation),
    Org("CRPA Centre-Val de Loire", T.crpa),
    Org("ITS Tours", T.training_institute, "37"),
    Org("IRFSS Centre-Val de Loire", T.training_institute),
    Org("CAF Touraine", T.caf, "37"),
    Org("UDCCAS d'Indre-et-Loire", T.ccas, "37"),
    Org("CIAS du Blaisois", T.ccas, "41"),
    Org("ARS Centre-Val de Loire", T.ars),
    Org("Université de Tours", T.university, "37"),
    Org("CREAI Centre-Val de Loire", T.association),
    Org("DRJSCS Centre-Val de Loire", T.state_service),
    # Hautes-Pyrénées (seed 000: the State services, UDCCAS, Caf, MSA, France services)
    Org("UDCCAS des Hautes-Pyrénées", T.ccas, "65"),
    Org("DDCS/PP des Hautes-Pyrénées", T.state_service, "65"),
    Org("Caf des Hautes-Pyrénées", T.caf, "65"),
    Org("MSA Midi-Pyrénées Sud", T.msa, "65"),
    Org("CCAS de Tarbes", T.ccas, "65"),
    Org("CCAS de Lourdes", T.ccas, "65"),
    Org("France services Haute-Bigorre", T.other, "65"),  # ~
    # Occitanie
    Org("IRTS Occitanie", T.training_institute),  # ~
    Org("Université Toulouse - Jean Jaurès", T.university, "31"),  # ~
    Org("URIOPSS Occitanie", T.federation),  # ~
    # PACA (seed 000: URIOPSS, UNAFORIS, CRPA carry it; the DRJSCS funds participation)
    Org("DRJSCS Provence-Alpes-Côte d'Azur", T.state_service),
    Org("IRTS PACA et Corse", T.training_institute),  # ~
    Org("Conseil départemental des Alpes-de-Haute-Provence", T.departmental_council, "04"),
    Org("Conseil départemental des Hautes-Alpes", T.departmental_council, "05"),
    Org("CCAS de Gap", T.ccas, "05"),
    Org("Conseil départemental des Alpes-Maritimes", T.departmental_council, "06"),
    Org("CCAS de Nice", T.ccas, "06"),
    Org("Conseil départemental du Var", T.departmental_council, "83"),
    Org("Caf du Var", T.caf, "83"),
    Org("Conseil départemental de Vaucluse", T.departmental_council, "84"),
    Org("CCAS d'Avignon", T.ccas, "84"),
    Org("Conseil départemental des Bouches-du-Rhône", T.departmental_council, "13"),
    Org("CCAS de Marseille", T.ccas, "13"),
    Org("CCAS d'Arles", T.ccas, "13"),
    # Auvergne-Rhône-Alpes
    Org("URIOPSS Auvergne-Rhône-Alpes", T.federation),
    Org("DREETS Auvergne-Rhône-Alpes", T.state_service),
    # Loire-Atlantique (seed 000: the URIOPSS soon joined)
    Org("URIOPSS Pays de la Loire", T.federation),
    Org("Caf de Loire-Atlantique", T.caf, "44"),
    Org("CCAS de Nantes", T.ccas, "44"),  # ~
    # La Réunion (seed 000: "institutions, organismes de formation, monde associatif")
    Org("Caf de La Réunion", T.caf, "974"),
    Org("IRTS de La Réunion", T.training_institute, "974"),
    Org("Université de La Réunion", T.university, "974"),
    Org("CCAS de Saint-Denis", T.ccas, "974"),
    # Gironde, Nord and the committees active since 2022-2023
    Org("Conseil départemental de la Gironde", T.departmental_council, "33"),
    Org("Caf de la Gironde", T.caf, "33"),
    Org("Conseil départemental du Nord", T.departmental_council, "59"),
    Org("Caf du Nord", T.caf, "59"),
    Org("URIOPSS Hauts-de-France", T.federation),
    Org("Conseil départemental de la Guadeloupe", T.departmental_council, "971"),
    Org("Caf de la Guadeloupe", T.caf, "971"),
    Org("Conseil départemental de l'Orne", T.departmental_council, "61"),
    Org("Caf de l'Orne", T.caf, "61"),
    Org("Conseil départemental de l'Yonne", T.departmental_council, "89"),
    Org("Caf de l'Yonne", T.caf, "89"),
    Org("Conseil départemental du Finistère", T.departmental_council, "29"),
    Org("Caf du Finistère", T.caf, "29"),
    # Lot-et-Garonne and Maine-et-Loire, structuring their committee in 2024 (seed 003)
    Org("Conseil départemental de Lot-et-Garonne", T.departmental_council, "47"),
    Org("Conseil départemental de Maine-et-Loire", T.departmental_council, "49"),
)

# Name pools. Login display names (network.DEMO_USERS) are kept out of them, so that the one
# "Inès Garnier" is the member login's own record.
FIRST_NAMES_F = (
    "Aurélie", "Céline", "Émilie", "Julie", "Marion", "Pauline", "Élodie", "Sandrine", "Valérie",
    "Isabelle", "Catherine", "Martine", "Nadia", "Fatima", "Samira", "Léa", "Manon", "Emma",
    "Jade", "Louise", "Clémence", "Mathilde", "Agnès", "Christine", "Patricia", "Karine",
    "Stéphanie", "Virginie", "Delphine", "Audrey", "Mélanie", "Laetitia", "Myriam", "Yasmine",
    "Salomé", "Océane", "Justine", "Lucie", "Margaux", "Anaïs", "Elsa", "Josiane", "Monique",
    "Odile", "Muriel", "Françoise", "Maryse", "Nicole", "Solène", "Noémie", "Gaëlle", "Maëlle",
    "Zoé", "Aïcha", "Khadija", "Mireille", "Inès", "Claire",
)  # fmt: skip
FIRST_NAMES_M = (
    "Thomas", "Nicolas", "Sébastien", "Mathieu", "Guillaume", "Antoine", "Maxime", "Romain",
    "Kévin", "Jérôme", "Stéphane", "Philippe", "Pascal", "Frédéric", "Christophe", "Éric",
    "Patrick", "Jean-Marc", "Jean-Luc", "Yannick", "Hervé", "Didier", "Karim", "Mehdi", "Yacine",
    "Samir", "Rachid", "Hugo", "Lucas", "Théo", "Louis", "Arthur", "Baptiste", "Quentin",
    "Florian", "Adrien", "Benoît", "Cédric", "Damien", "Fabien", "Ludovic", "Vincent", "Xavier",
    "Raphaël", "Bruno", "Alain", "Gilles", "Marc", "Serge", "Thierry", "Régis", "Julien",
)  # fmt: skip
SURNAMES = (
    "Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Leroy", "Moreau", "Simon", "Lefèvre",
    "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Muller",
    "Faure", "André", "Mercier", "Guérin", "Boyer", "Chevalier", "Legrand", "Gauthier",
    "Perrin", "Robin", "Clément", "Morin", "Henry", "Roussel", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Lemaire", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud",
    "Joly", "Rivière", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Renard", "Schmitt",
    "Roy", "Leroux", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud",
    "Dumas", "Lacroix", "Bourgeois", "Rey", "Leclerc", "Rolland", "Lecomte", "Lopez", "Dupuy",
    "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Deschamps", "Huet",
    "Perez", "Boucher", "Fleury", "Royer", "Jacquet", "Poirier", "Marty", "Aubry", "Guyot",
    "Carré", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly",
    "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Prévost", "Millet",
    "Perrot", "Cousin", "Germain", "Breton", "Langlois", "Rémy", "Le Goff", "Pelletier",
    "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet", "Hamon",
    "Boulanger", "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Tessier", "Chauvin",
    "Da Silva", "Bouchet", "Humbert", "Reynaud", "Perret", "Cordier", "Pichon", "Lejeune",
    "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Benali", "Haddad", "Diallo", "Nguyen",
)  # fmt: skip
SURNAMES_REUNION = (
    "Payet", "Hoarau", "Grondin", "Técher", "Lebon", "Maillot", "Nativel", "Turpin", "Dijoux",
    "Lauret", "Bègue", "Clain", "Ethève", "Sautron", "Boyer", "Rivière", "Fontaine", "Morel",
)  # fmt: skip
SURNAMES_GUADELOUPE = (
    "Jean-Louis", "Dorville", "Lubin", "Alexis", "Sainte-Rose", "Bellance", "Gustave",
    "Théodore", "Ramassamy", "Édouard", "Bonheur", "Lubeth",
)  # fmt: skip

# Mix of plain members (weights): "travailleurs sociaux, personnes concernées, élus, étudiants,
# bénévoles, formateurs et chercheurs, partenaires institutionnels" (seeds 002, 003).
MEMBER_MIX = (
    (P.social_worker, 34), (P.person_supported, 17), (P.volunteer, 10), (P.manager, 8),
    (P.institutional_partner, 9), (P.trainer_researcher, 8), (P.student, 8),
    (P.elected_official, 6),
)  # fmt: skip
# The organisation types each category works in (the demo picks among the committee's ones).
EMPLOYERS: dict[P, tuple[T, ...]] = {
    P.social_worker: (T.departmental_council, T.ccas, T.association, T.caf, T.msa),
    P.manager: (T.departmental_council, T.ccas, T.federation, T.association, T.caf),
    P.elected_official: (T.departmental_council, T.ccas),
    P.institutional_partner: (T.caf, T.msa, T.ars, T.state_service),
    P.trainer_researcher: (T.training_institute, T.university),
    P.student: (T.training_institute, T.university),
    P.volunteer: (T.association, T.crpa),
    P.person_supported: (T.crpa, T.association),
}


@dataclass(frozen=True)
class Count:
    """A headcount: total, by category, structures represented."""

    total: int | None
    by_category: tuple[tuple[HeadcountCategory, int], ...] = ()
    structures: int | None = None


@dataclass(frozen=True)
class MeetingSpec:
    kind: MeetingKind
    title: str
    starts: str  # local time, ISO: "2019-09-17T09:30"
    hours: float
    place: str | None = None
    body: str | None = None  # the body that meets: its kind, or its key in ARDECHE_BODIES
    mode: MeetingMode = MeetingMode.in_person
    attendance: bool = True  # record the body's members' attendance
    headcount: Count | None = None
    decisions: tuple[str, ...] = ()
    agenda: str | None = None
    joint: str | None = None  # a second body meeting with the first


@dataclass(frozen=True)
class Plan:
    committee: str  # key in network.COMMITTEES
    size: int  # seats in the current period (replacements and earlier periods add people)
    organisations: tuple[str, ...]  # the first one or two carry the pilots
    bodies: tuple[tuple[BodyKind, str], ...]
    meetings: tuple[MeetingSpec, ...] = ()
    delegate_to: str | None = None  # the committee where its first pilot also sits
    surnames: tuple[str, ...] = SURNAMES
    # A headcount the seeds give: (day, members that day); those beyond `size` left since.
    members_on: tuple[date, int] | None = None
    timezone: str = "Europe/Paris"


COPIL = (BodyKind.copil, "Comité de pilotage")
COTECH = (BodyKind.cotech, "Comité technique")
PLENARY = (BodyKind.plenary, "Assemblée plénière")
BODY = BodyKind
K = MeetingKind
_PACA_SHARED = ("URIOPSS PACA/Corse", "CRPA", "IRTS PACA et Corse")
_HP_SHARED = (
    "Conseil départemental des Hautes-Pyrénées", "Caf des Hautes-Pyrénées",
    "UDCCAS des Hautes-Pyrénées", "MSA Midi-Pyrénées Sud", "France services Haute-Bigorre",
)  # fmt: skip
_CVL = (
    "ARS Centre-Val de Loire", "IRFSS Centre-Val de Loire", "ITS Tours",
    "Fédération des acteurs de la solidarité Centre-Val de Loire", "CRPA Centre-Val de Loire",
)  # fmt: skip


def _local(key: str, size: int, *organisations: str, parent: str) -> Plan:
    return Plan(
        key,
        size,
        organisations,
        ((BODY.plenary, "Réunion plénière du bassin"),),
        delegate_to=parent,
    )


PLANS = (
    Plan(
        "occitanie", 26,
        ("IRTS Occitanie", "URIOPSS Occitanie", "Université Toulouse - Jean Jaurès"),
        (COPIL, (BODY.working_group, "Projets avec les étudiant.es")),
    ),
    Plan(
        "paca", 26, ("URIOPSS PACA/Corse", "UNAFORIS", "CRPA", "DRJSCS Provence-Alpes-Côte d'Azur",
                     "IRTS PACA et Corse"),
        ((BODY.copil, "Coordination régionale"),),
        meetings=(
            MeetingSpec(K.body_meeting, "Coordination régionale des CLTSDS de PACA",
                        "2024-02-06T14:00", 2, body=BODY.copil, mode=MeetingMode.remote),  # ~
        ),
    ),
    Plan(
        "centre_val_de_loire", 24,
        ("URIOPSS Centre-Val de Loire", "CREAI Centre-Val de Loire", *_CVL,
         "DRJSCS Centre-Val de Loire"),
        (COPIL, (BODY.working_group, "Employeurs et réseau URIOPSS")),
    ),
    Plan(
        "auvergne_rhone_alpes", 20,
        ("URIOPSS Auvergne-Rhône-Alpes", FAS_ARA, CRPA_ARA, OCELLIA,
         "DREETS Auvergne-Rhône-Alpes"),
        (COPIL, PLENARY),
    ),
    Plan(
        "hautes_pyrenees", 30, (*_HP_SHARED, "DDCS/PP des Hautes-Pyrénées", "CCAS de Tarbes"),
        (COPIL, (BODY.other, "Conférence des bassins de vie")),
        meetings=(
            MeetingSpec(K.body_meeting, "Comité de pilotage", "2023-03-21T14:00", 2.5,
                        "Tarbes", BODY.copil),  # ~
            MeetingSpec(K.body_meeting, "Comité de pilotage", "2024-03-19T14:00", 2.5,
                        "Tarbes", BODY.copil, MeetingMode.hybrid,
                        decisions=("Les diagnostics des six bassins de vie sont partagés avec "
                                   "la MSA ; Val d'Adour et Neste-Barousse seront accompagnés.",)),
        ),
        delegate_to="occitanie",
    ),
    Plan(
        "indre_et_loire_loir_et_cher", 34,
        ("Conseil départemental d'Indre-et-Loire", "Conseil départemental de Loir-et-Cher",
         *_CVL, "CAF Touraine", "UDCCAS d'Indre-et-Loire", "CIAS du Blaisois",
         "Université de Tours"),
        (COPIL, COTECH),
        meetings=(
            MeetingSpec(K.launch_day, "Journée de lancement du CLTSDS 37-41", "2019-09-17T09:30",
                        7, "Tours", attendance=False, headcount=Count(160)),  # place ~
            MeetingSpec(K.body_meeting, "Premier comité de pilotage", "2019-12-10T14:00", 2.5,
                        "Blois", BODY.copil,  # ~
                        decisions=("La charte de fonctionnement du CLTSDS est validée.",
                                   "Les orientations de travail 2020 sont arrêtées à partir du "
                                   "questionnaire rempli par les participants de la journée "
                                   "de lancement.")),
            MeetingSpec(K.body_meeting, "Comité technique", "2024-03-12T09:30", 3, "Tours",
                        BODY.cotech),  # ~
            MeetingSpec(K.body_meeting, "Comité technique", "2024-05-14T09:30", 3, "Blois",
                        BODY.cotech, MeetingMode.hybrid),  # ~
        ),
        delegate_to="centre_val_de_loire",
    ),
    Plan(
        "loire_atlantique", 36,
        ("Conseil départemental de Loire-Atlantique", "ARIFTS", "URIOPSS Pays de la Loire",
         "Caf de Loire-Atlantique", "CCAS de Nantes"),
        (PLENARY, COTECH, (BODY.ethics, "Espace départemental de réflexion éthique")),
        meetings=(
            MeetingSpec(K.body_meeting, "Séance plénière inaugurale", "2019-09-06T14:00", 3,
                        "Nantes", BODY.plenary, attendance=False, headcount=Count(40)),
            MeetingSpec(K.body_meeting, "Comité technique : lancement des groupes de travail",
                        "2020-03-03T09:30", 3, "Nantes", BODY.cotech,  # ~
                        decisions=("Les groupes de travail thématiques sont lancés au "
                                   "printemps 2020.",)),
            MeetingSpec(K.body_meeting, "Assemblée plénière annuelle", "2024-06-20T14:00", 3,
                        "Nantes", BODY.plenary),  # ~
        ),
    ),
    Plan(
        "la_reunion", 38,
        ("Conseil départemental de La Réunion", "Caf de La Réunion", "IRTS de La Réunion",
         "Université de La Réunion", "CCAS de Saint-Denis"),
        ((BODY.copil, "Instance de gouvernance"), (BODY.thematic, "Comité thématique")),
        meetings=(
            MeetingSpec(K.body_meeting, "Instance de gouvernance", "2019-12-12T09:00", 3,
                        "Saint-Denis", BODY.copil,  # day ~
                        decisions=("Le contenu de la charte est débattu ; la séance de février "
                                   "en arrêtera la version finale.",
                                   "Plan d'action 2020 : charte, comité thématique, "
                                   "inauguration en avril.")),
        ),
        surnames=SURNAMES_REUNION + SURNAMES[:40],
        # "Le comité local réunit 70 membres" (seed 000, 15 January 2020).
        members_on=(date(2020, 1, 15), 70),
        timezone="Indian/Reunion",
    ),
    Plan("gironde", 16, ("Conseil départemental de la Gironde", "Caf de la Gironde"), (COPIL,)),
    Plan(
        "nord", 20,
        ("Conseil départemental du Nord", "Caf du Nord", "URIOPSS Hauts-de-France"),
        (COPIL, COTECH),
    ),
    *(
        Plan(f"paca_{code}", size, (*own, *_PACA_SHARED),
             ((BODY.cotech, "Équipe d'animation départementale"),), delegate_to="paca")
        for code, size, own in (
            ("04", 12, ("Conseil départemental des Alpes-de-Haute-Provence",)),
            ("05", 10, ("Conseil départemental des Hautes-Alpes", "CCAS de Gap")),
            ("06", 18, ("Conseil départemental des Alpes-Maritimes", "CCAS de Nice")),
            ("83", 16, ("Conseil départemental du Var", "Caf du Var")),
            ("84", 14, ("Conseil départemental de Vaucluse", "CCAS d'Avignon")),
        )
    ),
    _local("paca_13_marseille_aix", 14, "CCAS de Marseille",
           "Conseil départemental des Bouches-du-Rhône", *_PACA_SHARED, parent="paca"),
    _local("paca_13_tarascon_arles", 12, "CCAS d'Arles",
           "Conseil départemental des Bouches-du-Rhône", *_PACA_SHARED, parent="paca"),
    _local("hautes_pyrenees_1", 11, "CCAS de Tarbes", *_HP_SHARED, parent="hautes_pyrenees"),
    _local("hautes_pyrenees_2", 10, "CCAS de Lourdes", *_HP_SHARED, parent="hautes_pyrenees"),
    _local("hautes_pyrenees_3", 9, *_HP_SHARED, parent="hautes_pyrenees"),
    _local("hautes_pyrenees_4", 9, *_HP_SHARED, parent="hautes_pyrenees"),
    Plan("d971", 14, ("Conseil départemental de la Guadeloupe", "Caf de la Guadeloupe"),
         (COPIL, PLENARY), surnames=SURNAMES_GUADELOUPE + SURNAMES[40:70],
         timezone="America/Guadeloupe"),
    Plan("d61", 12, ("Conseil départemental de l'Orne", "Caf de l'Orne"), (COPIL, PLENARY)),
    Plan("d89", 12, ("Conseil départemental de l'Yonne", "Caf de l'Yonne"), (COPIL, PLENARY)),
    Plan("d29", 15, ("Conseil départemental du Finistère", "Caf du Finistère"), (COPIL, PLENARY)),
)  # fmt: skip

# Committees in construction the seeds show at work: "Lors d'une table ronde du séminaire de
# novembre 2024, les comités du Lot-et-Garonne, Maine-et-Loire et Gironde se sont exprimés sur la
# démarche de structuration de leur comité" (seed 003). Their founding team, from their step to
# construction: (committee, its carrier).
STRUCTURING = (
    ("lot_et_garonne", "Conseil départemental de Lot-et-Garonne"),
    ("maine_et_loire", "Conseil départemental de Maine-et-Loire"),
)
