"""The demo campaign's facts: the call, its jury, the twelve applications, the declared conflicts.

Everything is fictional: people, companies, figures and e-mail addresses (``example.org`` and the
reserved ``.example`` domain). The text is deliberately real-world French — accents, « », €, an
ampersand and an apostrophe in company names — because the demo doubles as a test of the import.
"""

from __future__ import annotations

from dataclasses import dataclass

CAMPAIGN_NAME = "Appel à candidatures « Numérique 2026 »"

CAMPAIGN_SETTINGS: tuple[tuple[str, str | int | float], ...] = (
    ("nom", CAMPAIGN_NAME),
    ("programme", "Accélérateur régional Occitanie Numérique"),
    ("places", 4),
    ("langue", "fr"),
    ("méthode", "mean"),
    ("seuil_dispersion", 15),
)


@dataclass(frozen=True)
class JurorSpec:
    code: str
    name: str
    email: str
    role: str
    """As a French user types it (feminine forms included)."""


JURORS = (
    JurorSpec("J1", "Claire Fontaine", "claire.fontaine@example.org", "présidente"),
    JurorSpec("J2", "Marc Delorme", "marc.delorme@example.org", "membre"),
    JurorSpec("J3", "Sophie Nguyen", "sophie.nguyen@example.org", "membre"),
    JurorSpec("J4", "Karim Benali", "karim.benali@example.org", "membre"),
    JurorSpec("J5", "Hélène Rousseau", "helene.rousseau@example.org", "membre"),
    JurorSpec("J6", "Julien Moreau", "julien.moreau@example.org", "membre"),
    JurorSpec("J7", "Amélie Garnier", "amelie.garnier@example.org", "membre"),
)


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    background: str
    vacant: bool = False
    """A position the applicant plans to fill: ``name`` says so."""


@dataclass(frozen=True)
class DossierSpec:
    """One application: the form's columns, then what its pitch deck shows."""

    ref: str
    name: str
    sector: str
    founded: int
    headcount: int
    revenue: int
    """Last closed year's turnover in euros (the last actual year of ``revenue_history``)."""
    pitch: str
    contact: str
    city: str
    tagline: str
    problem: tuple[str, ...]
    solution: tuple[str, ...]
    market: str
    key_figures: tuple[tuple[str, str], ...]
    revenue_history: tuple[tuple[str, int], ...]
    """(year, euros); the last entry is the target for the coming year."""
    team: tuple[TeamMember, ...]
    ask: tuple[str, ...]


DOSSIERS = (
    DossierSpec(
        ref="N26-001",
        name="Vigie Cyber",
        sector="Cybersécurité",
        founded=2022,
        headcount=4,
        revenue=260_000,
        pitch=(
            "Vigie Cyber surveille en continu le réseau et la messagerie des PME de 10 à 250 "
            "salariés et les alerte en langage clair. Notre boîtier s'installe en une heure et "
            "notre tableau de bord hiérarchise les incidents à traiter. 48 entreprises d'Occitanie "
            "sont déjà abonnées, pour un panier moyen de 450 € par mois. Nous visons 120 clients "
            "et 8 salariés fin 2026 grâce à un réseau de revendeurs informatiques."
        ),
        contact="nadia.ferhat@vigiecyber.example",
        city="Toulouse",
        tagline="La supervision de sécurité des PME, sans équipe dédiée.",
        problem=(
            "Les PME sont devenues la cible privilégiée des rançongiciels.",
            "Un centre de supervision externalisé coûte plus de 3 000 € par mois.",
            "Les alertes des outils existants sont illisibles pour un dirigeant.",
        ),
        solution=(
            "Boîtier de détection installé en une heure, sans toucher au réseau.",
            "Tableau de bord qui classe les incidents et dit quoi faire.",
            "Astreinte mutualisée avec nos revendeurs partenaires.",
        ),
        market="3 200 PME de 10 à 250 salariés en Occitanie, plus de 140 000 en France.",
        key_figures=(
            ("Entreprises abonnées", "48"),
            ("Panier moyen", "450 € / mois"),
            ("Rétention à 12 mois", "96 %"),
            ("Revendeurs partenaires", "7"),
        ),
        revenue_history=(
            ("2023", 60_000),
            ("2024", 150_000),
            ("2025", 260_000),
            ("2026", 650_000),
        ),
        team=(
            TeamMember(
                "Nadia Ferhat", "Présidente", "Ancienne analyste sécurité chez un opérateur"
            ),
            TeamMember("Thomas Vidal", "Directeur technique", "12 ans de sécurité réseau"),
            TeamMember("Inès Carrère", "Responsable commerciale", "Ex-revendeuse informatique"),
        ),
        ask=(
            "Levée de 500 k€ pour recruter 4 personnes (support et ventes).",
            "Accès aux grands comptes régionaux pour des pilotes.",
            "Mentorat sur la structuration d'un réseau de distribution.",
        ),
    ),
    DossierSpec(
        ref="N26-002",
        name="Terroir & Data",
        sector="Agritech numérique",
        founded=2022,
        headcount=2,
        revenue=95_000,
        pitch=(
            "Terroir & Data combine capteurs au vignoble, images satellitaires et données météo "
            "pour prévoir les rendements et le stress hydrique à la parcelle. Les caves "
            "coopératives planifient ainsi vendanges et vinifications avec trois semaines "
            "d'avance. Onze caves du Gard et de l'Hérault utilisent la plateforme. Nous cherchons "
            "à financer un second commercial et l'extension au Bordelais."
        ),
        contact="mathieu.roux@terroiretdata.example",
        city="Nîmes",
        tagline="Prévoir la récolte à la parcelle, du cep au chai.",
        problem=(
            "Les caves estiment encore les volumes à la main, parcelle par parcelle.",
            "Sécheresses et grêle rendent les prévisions de récolte peu fiables.",
            "Une erreur de planification coûte cher en cuverie et en main-d'œuvre.",
        ),
        solution=(
            "Capteurs d'humidité des sols autonomes, relevés toutes les heures.",
            "Modèle de rendement entraîné sur dix ans de données régionales.",
            "Tableau de bord partagé entre la cave et ses adhérents.",
        ),
        market="Près de 600 caves coopératives viticoles en France, 120 en Occitanie.",
        key_figures=(
            ("Caves clientes", "11"),
            ("Parcelles suivies", "2 400"),
            ("Écart moyen de prévision", "6 %"),
            ("Abonnement moyen", "720 € / mois"),
        ),
        revenue_history=(
            ("2023", 20_000),
            ("2024", 55_000),
            ("2025", 95_000),
            ("2026", 210_000),
        ),
        team=(
            TeamMember("Mathieu Roux", "Président", "Ingénieur agronome, fils de vigneron"),
            TeamMember("Laure Espinasse", "Data scientist", "Docteure en télédétection"),
        ),
        ask=(
            "Financement d'un second commercial (80 k€).",
            "Pilote avec une chambre d'agriculture dans le Bordelais.",
            "Appui pour une demande d'aide régionale à l'innovation.",
        ),
    ),
    DossierSpec(
        ref="N26-003",
        name="MédiSuivi",
        sector="E-santé",
        founded=2023,
        headcount=2,
        revenue=85_000,
        pitch=(
            "MédiSuivi permet aux patients opérés en ambulatoire de déclarer chaque jour douleur, "
            "température et cicatrisation depuis leur téléphone. Les infirmières de la clinique "
            "sont alertées en cas d'écart et rappellent le patient dans l'heure. Deux cliniques "
            "privées de Montpellier l'utilisent et constatent moins de réhospitalisations. Le "
            "modèle économique dépend des établissements en attendant une prise en charge par "
            "l'Assurance maladie."
        ),
        contact="camille.besson@medisuivi.example",
        city="Montpellier",
        tagline="Le suivi post-opératoire à domicile, relié à l'équipe de soins.",
        problem=(
            "La chirurgie ambulatoire renvoie les patients chez eux le jour même.",
            "Les complications sont repérées tard, souvent aux urgences.",
            "Les appels de suivi prennent beaucoup de temps aux infirmières.",
        ),
        solution=(
            "Questionnaire quotidien sur smartphone, photo de la cicatrice comprise.",
            "Alertes priorisées pour l'équipe infirmière, rappel dans l'heure.",
            "Hébergement certifié HDS, lien avec le dossier patient de la clinique.",
        ),
        market="Plusieurs millions d'actes de chirurgie ambulatoire chaque année en France.",
        key_figures=(
            ("Cliniques clientes", "2"),
            ("Patients suivis", "1 900"),
            ("Réponse quotidienne", "87 %"),
            ("Tarif", "45 € par patient"),
        ),
        revenue_history=(
            ("2024", 25_000),
            ("2025", 85_000),
            ("2026", 300_000),
        ),
        team=(
            TeamMember("Dr Camille Besson", "Présidente", "Chirurgienne orthopédiste"),
            TeamMember("Youssef Amrani", "Directeur technique", "Ex-éditeur de logiciels de santé"),
        ),
        ask=(
            "Levée de 400 k€ pour une étude médico-économique.",
            "Introductions auprès des directions d'hôpitaux publics.",
            "Accompagnement réglementaire (marquage CE de dispositif médical).",
        ),
    ),
    DossierSpec(
        ref="N26-004",
        name="Facturo",
        sector="Logiciel SaaS",
        founded=2023,
        headcount=4,
        revenue=310_000,
        pitch=(
            "Facturo prépare les artisans et les TPE du bâtiment à la facturation électronique, "
            "obligatoire pour toutes les entreprises d'ici 2027. Devis, factures et relances se "
            "font depuis le chantier, sur téléphone, et partent au format réglementaire. 1 100 "
            "artisans sont abonnés, dont 40 % via les fédérations professionnelles partenaires. "
            "Nous voulons atteindre 6 salariés et 700 k€ de chiffre d'affaires en 2026."
        ),
        contact="julie.marty@facturo.example",
        city="Toulouse",
        tagline="La facture électronique obligatoire, simple pour les artisans.",
        problem=(
            "La facturation électronique devient obligatoire pour toutes les entreprises.",
            "Les logiciels existants sont pensés pour les comptables, pas pour le chantier.",
            "Les retards de paiement pèsent sur la trésorerie des artisans.",
        ),
        solution=(
            "Devis et factures depuis le téléphone, en deux minutes.",
            "Envoi au format réglementaire par une plateforme agréée partenaire.",
            "Relances automatiques et suivi de trésorerie.",
        ),
        market="Plus de 600 000 entreprises artisanales du bâtiment en France.",
        key_figures=(
            ("Artisans abonnés", "1 100"),
            ("Abonnement", "24 € / mois"),
            ("Croissance mensuelle", "9 %"),
            ("Coût d'acquisition", "38 €"),
        ),
        revenue_history=(
            ("2023", 30_000),
            ("2024", 140_000),
            ("2025", 310_000),
            ("2026", 700_000),
        ),
        team=(
            TeamMember("Julie Marty", "Présidente", "Ex-cheffe de produit d'un éditeur comptable"),
            TeamMember("Antoine Lefèvre", "Directeur technique", "10 ans de développement web"),
            TeamMember("Rachid Haddad", "Partenariats", "Ancien artisan plombier"),
        ),
        ask=(
            "Levée d'amorçage de 800 k€, dont 300 k€ déjà engagés.",
            "Mise en relation avec les réseaux bancaires régionaux.",
            "Mentorat sur le passage à l'échelle du support client.",
        ),
    ),
    DossierSpec(
        ref="N26-005",
        name="L'Établi Numérique",
        sector="Logiciel industriel",
        founded=2021,
        headcount=3,
        revenue=340_000,
        pitch=(
            "L'Établi Numérique équipe les ateliers de 5 à 50 personnes (mécanique, menuiserie, "
            "chaudronnerie) d'un outil de planification et de suivi de production sur tablette. "
            "Les chefs d'atelier voient la charge de chaque poste et repèrent les retards avant "
            "qu'ils ne surviennent. 35 ateliers du Tarn et de l'Aveyron sont clients, avec une "
            "rétention de 97 %. Nous souhaitons ouvrir un bureau à Toulouse et doubler l'équipe "
            "en 2026."
        ),
        contact="pierre.cabrol@etabli-numerique.example",
        city="Albi",
        tagline="La gestion d'atelier des petites industries, sans ERP.",
        problem=(
            "Les petites industries planifient encore sur tableau blanc et tableur.",
            "Les ERP du marché sont trop chers et trop longs à déployer.",
            "Les retards de livraison se découvrent au dernier moment.",
        ),
        solution=(
            "Planning visuel sur tablette, par glisser-déposer.",
            "Pointage des opérations par QR code au poste de travail.",
            "Mise en service en deux jours, sans intégrateur.",
        ),
        market="Près de 40 000 PME industrielles de moins de 50 salariés en France.",
        key_figures=(
            ("Ateliers clients", "35"),
            ("Abonnement moyen", "810 € / mois"),
            ("Rétention annuelle", "97 %"),
            ("Mise en service", "2 jours"),
        ),
        revenue_history=(
            ("2022", 70_000),
            ("2023", 150_000),
            ("2024", 240_000),
            ("2025", 340_000),
            ("2026", 560_000),
        ),
        team=(
            TeamMember("Pierre Cabrol", "Président", "Ancien chef d'atelier en mécanique"),
            TeamMember("Élodie Vernet", "Développeuse principale", "Spécialiste des tablettes"),
            TeamMember("Sami Bouzid", "Déploiement et formation", "Ex-technicien de maintenance"),
        ),
        ask=(
            "Prêt d'honneur et levée de 350 k€ pour ouvrir Toulouse.",
            "Recrutement d'un directeur commercial expérimenté.",
            "Retours d'industriels sur la feuille de route produit.",
        ),
    ),
    DossierSpec(
        ref="N26-006",
        name="Hydrosens",
        sector="Ville intelligente",
        founded=2022,
        headcount=3,
        revenue=120_000,
        pitch=(
            "Hydrosens pose des capteurs acoustiques sur les réseaux d'eau potable des petites "
            "communes et analyse leurs bruits pour localiser les fuites. Dans les réseaux ruraux, "
            "une part importante de l'eau produite se perd avant d'arriver au robinet. Quatre "
            "syndicats des eaux des Pyrénées-Orientales utilisent la solution, dont deux sous "
            "contrat pluriannuel. Les cycles de vente publics restent longs, de 9 à 18 mois."
        ),
        contact="jordi.puig@hydrosens.example",
        city="Perpignan",
        tagline="Trouver les fuites des réseaux d'eau avant qu'elles ne coûtent.",
        problem=(
            "Une part importante de l'eau potable produite se perd en fuites.",
            "Les petites communes n'ont ni équipe ni outil de recherche de fuites.",
            "Les sécheresses rendent chaque mètre cube précieux.",
        ),
        solution=(
            "Capteurs acoustiques posés sur les vannes existantes, sans travaux.",
            "Localisation des fuites par corrélation, à un mètre près.",
            "Rapport mensuel et tableau de bord pour les élus.",
        ),
        market="Plus de 10 000 services d'eau en France, en majorité ruraux.",
        key_figures=(
            ("Syndicats des eaux clients", "4"),
            ("Réseau suivi", "380 km"),
            ("Fuites localisées en 2025", "64"),
            ("Contrat moyen", "30 k€ / an"),
        ),
        revenue_history=(
            ("2023", 35_000),
            ("2024", 70_000),
            ("2025", 120_000),
            ("2026", 240_000),
        ),
        team=(
            TeamMember("Jordi Puig", "Président", "Ingénieur hydraulicien"),
            TeamMember("Marion Sabatier", "Traitement du signal", "Docteure en acoustique"),
            TeamMember("Lucas Ferrand", "Électronique embarquée", "Ex-concepteur de capteurs"),
        ),
        ask=(
            "Financement de 200 capteurs supplémentaires (150 k€).",
            "Introductions auprès des agences de l'eau.",
            "Conseil sur la réponse aux marchés publics.",
        ),
    ),
    DossierSpec(
        ref="N26-007",
        name="Cantine Connect",
        sector="Logiciel SaaS",
        founded=2023,
        headcount=2,
        revenue=60_000,
        pitch=(
            "Cantine Connect aide les cuisines scolaires à prévoir le nombre de repas et à "
            "commander au plus juste auprès des producteurs locaux. Inscriptions des familles, "
            "menus et commandes sont réunis dans un même outil. Les 18 communes clientes ont "
            "réduit leurs restes de repas d'un quart en moyenne. Le marché est fragmenté et "
            "chaque commune décide seule, ce qui ralentit la croissance."
        ),
        contact="sandrine.calmels@cantineconnect.example",
        city="Rodez",
        tagline="Moins de gaspillage à la cantine, plus de produits locaux.",
        problem=(
            "Les cantines cuisinent sans connaître le nombre exact de convives.",
            "La loi impose une part croissante de produits durables et locaux.",
            "Le gaspillage alimentaire coûte cher aux communes.",
        ),
        solution=(
            "Inscriptions en ligne des familles, jusqu'à la veille.",
            "Prévision des effectifs et des quantités par plat.",
            "Commandes groupées auprès des producteurs du territoire.",
        ),
        market="Plusieurs milliers de communes gèrent leur cantine en régie.",
        key_figures=(
            ("Communes clientes", "18"),
            ("Repas par jour", "6 500"),
            ("Restes de repas", "−25 %"),
            ("Abonnement moyen", "280 € / mois"),
        ),
        revenue_history=(
            ("2023", 10_000),
            ("2024", 32_000),
            ("2025", 60_000),
            ("2026", 140_000),
        ),
        team=(
            TeamMember("Sandrine Calmels", "Présidente", "Ex-gestionnaire de restauration"),
            TeamMember("Hugo Bastide", "Développeur", "Ancien développeur en agence web"),
        ),
        ask=(
            "Levée de 250 k€ pour un commercial dédié aux collectivités.",
            "Partenariat avec un réseau de producteurs locaux.",
            "Mentorat sur la vente aux acheteurs publics.",
        ),
    ),
    DossierSpec(
        ref="N26-008",
        name="Orbitale Logistique",
        sector="Logistique et IA",
        founded=2022,
        headcount=3,
        revenue=190_000,
        pitch=(
            "Orbitale Logistique calcule chaque matin les tournées des transporteurs régionaux "
            "et les recalcule en direct selon le trafic et les imprévus. Nos clients réduisent "
            "de 14 % en moyenne les kilomètres parcourus et tiennent mieux leurs créneaux de "
            "livraison. 22 transporteurs et deux grossistes alimentaires utilisent le logiciel. "
            "L'objectif : 5 salariés et 500 k€ de chiffre d'affaires fin 2026."
        ),
        contact="lea.dumas@orbitale.example",
        city="Toulouse",
        tagline="Des tournées de livraison optimisées en temps réel.",
        problem=(
            "Les tournées sont encore préparées à la main chaque matin.",
            "Trafic, absences et commandes urgentes bouleversent le plan.",
            "Carburant et retards pèsent sur les marges des transporteurs.",
        ),
        solution=(
            "Optimisation des tournées en quelques secondes.",
            "Replanification en direct et application pour les chauffeurs.",
            "Suivi des émissions de CO₂ par tournée.",
        ),
        market="Des dizaines de milliers d'entreprises de transport routier en France.",
        key_figures=(
            ("Transporteurs clients", "22"),
            ("Véhicules planifiés", "410"),
            ("Kilomètres parcourus", "−14 %"),
            ("Abonnement mensuel", "38 € / véhicule"),
        ),
        revenue_history=(
            ("2023", 40_000),
            ("2024", 110_000),
            ("2025", 190_000),
            ("2026", 500_000),
        ),
        team=(
            TeamMember("Léa Dumas", "Présidente", "Docteure en recherche opérationnelle"),
            TeamMember("Baptiste Girard", "Directeur technique", "Ex-ingénieur chez un éditeur"),
            TeamMember("Omar Kaci", "Ventes", "Ancien exploitant transport"),
        ),
        ask=(
            "Levée de 600 k€ pour accélérer les ventes en Nouvelle-Aquitaine.",
            "Accès à des chargeurs régionaux pour des pilotes.",
            "Appui pour recruter deux développeurs confirmés.",
        ),
    ),
    DossierSpec(
        ref="N26-009",
        name="Kalibra",
        sector="Cybersécurité",
        founded=2024,
        headcount=2,
        revenue=25_000,
        pitch=(
            "Kalibra envoie aux salariés des e-mails d'hameçonnage simulés, adaptés à leur "
            "métier, et leur propose une formation de trois minutes quand ils tombent dans le "
            "piège. Le responsable informatique suit la progression de chaque service. Lancé "
            "il y a six mois, le produit compte 9 clients, surtout des cabinets comptables. "
            "L'équipe doit encore trouver son canal d'acquisition."
        ),
        contact="maxime.teissier@kalibra.example",
        city="Montpellier",
        tagline="Entraîner les équipes à déjouer l'hameçonnage.",
        problem=(
            "La plupart des cyberattaques commencent par un e-mail piégé.",
            "Les formations annuelles sont vite oubliées.",
            "Les petites structures n'ont pas de responsable de la sécurité.",
        ),
        solution=(
            "Campagnes d'hameçonnage simulées, adaptées à chaque métier.",
            "Micro-formations de trois minutes, au bon moment.",
            "Indicateurs de progression par service.",
        ),
        market="Un marché de la sensibilisation en forte croissance, porté par la directive NIS 2.",
        key_figures=(
            ("Clients", "9"),
            ("Salariés formés", "640"),
            ("Taux de clic", "÷ 3 en 3 mois"),
            ("Prix", "3 € / salarié / mois"),
        ),
        revenue_history=(
            ("2024", 5_000),
            ("2025", 25_000),
            ("2026", 90_000),
        ),
        team=(
            TeamMember("Maxime Teissier", "Président", "Ancien auditeur en tests d'intrusion"),
            TeamMember("Chloé Azéma", "Pédagogie et contenus", "Formatrice pour adultes"),
        ),
        ask=(
            "Prêt d'honneur de 50 k€.",
            "Mise en relation avec les ordres professionnels (experts-comptables, notaires).",
            "Mentorat en marketing et acquisition.",
        ),
    ),
    DossierSpec(
        ref="N26-010",
        name="Solaris Pilot",
        sector="Énergie",
        founded=2024,
        headcount=2,
        revenue=30_000,
        pitch=(
            "Solaris Pilot commande les équipements d'une entreprise équipée de panneaux solaires "
            "pour consommer sa production au bon moment : recharge des véhicules, froid, eau "
            "chaude. Nos premiers clients augmentent leur autoconsommation de 20 points. Le "
            "logiciel fonctionne avec les principaux onduleurs du marché. Nous en sommes aux "
            "premiers clients payants et cherchons des installateurs partenaires."
        ),
        contact="vincent.ourliac@solarispilot.example",
        city="Carcassonne",
        tagline="Piloter l'autoconsommation solaire des entreprises.",
        problem=(
            "Les entreprises revendent à bas prix l'électricité solaire qu'elles produisent.",
            "Elles rachètent le soir une électricité plus chère.",
            "Aucun outil simple ne pilote les équipements selon la production.",
        ),
        solution=(
            "Boîtier relié aux onduleurs et aux équipements pilotables.",
            "Prévision de production à partir de la météo.",
            "Pilotage automatique et rapport mensuel d'économies.",
        ),
        market="Des dizaines de milliers de toitures solaires d'entreprises posées chaque année.",
        key_figures=(
            ("Sites équipés", "12"),
            ("Autoconsommation", "+20 points"),
            ("Économies moyennes", "2 800 € / an"),
            ("Installateurs partenaires", "3"),
        ),
        revenue_history=(
            ("2024", 6_000),
            ("2025", 30_000),
            ("2026", 120_000),
        ),
        team=(
            TeamMember("Vincent Ourliac", "Président", "Ingénieur électricien"),
            TeamMember("Fatima Belkacem", "Développeuse embarquée", "Ex-ingénieure en domotique"),
        ),
        ask=(
            "Levée de 300 k€ pour industrialiser le boîtier.",
            "Partenariats avec des installateurs photovoltaïques.",
            "Conseils sur la certification des équipements.",
        ),
    ),
    DossierSpec(
        ref="N26-011",
        name="Pastel Éducation",
        sector="Edtech",
        founded=2023,
        headcount=3,
        revenue=70_000,
        pitch=(
            "Pastel Éducation propose aux collèges des exercices de mathématiques qui "
            "s'adaptent au niveau de chaque élève et expliquent chaque erreur. Les enseignants "
            "voient d'un coup d'œil les notions à retravailler en classe. La plateforme est "
            "utilisée par 26 collèges, financée par les départements et quelques établissements "
            "privés. La dépendance aux budgets publics rend les revenus irréguliers."
        ),
        contact="anne-sophie.galy@pastel-education.example",
        city="Castres",
        tagline="Des exercices de mathématiques qui s'adaptent à chaque élève.",
        problem=(
            "Les écarts de niveau en mathématiques se creusent dès la sixième.",
            "Les enseignants manquent de temps pour individualiser.",
            "Les outils existants notent sans expliquer.",
        ),
        solution=(
            "Parcours adaptatifs alignés sur le programme du collège.",
            "Explication pas à pas de chaque erreur.",
            "Tableau de bord de classe pour l'enseignant.",
        ),
        market="Environ 7 000 collèges en France, dont 560 en Occitanie.",
        key_figures=(
            ("Collèges équipés", "26"),
            ("Élèves actifs", "9 800"),
            ("Exercices par semaine", "45 000"),
            ("Licence moyenne", "2 700 € / an"),
        ),
        revenue_history=(
            ("2023", 15_000),
            ("2024", 40_000),
            ("2025", 70_000),
            ("2026", 160_000),
        ),
        team=(
            TeamMember("Anne-Sophie Galy", "Présidente", "Professeure agrégée de mathématiques"),
            TeamMember("Nicolas Ribes", "Directeur technique", "Ex-développeur de jeux vidéo"),
            TeamMember("Manon Laffont", "Relations établissements", "Ancienne conseillère"),
        ),
        ask=(
            "Levée de 350 k€ pour couvrir tout le programme du cycle 4.",
            "Référencement auprès des conseils départementaux.",
            "Appui pour une étude d'impact avec un laboratoire.",
        ),
    ),
    DossierSpec(
        ref="N26-012",
        name="TraçaBois",
        sector="Traçabilité",
        founded=2024,
        headcount=1,
        revenue=45_000,
        pitch=(
            "TraçaBois suit chaque grume de la parcelle forestière jusqu'au chantier grâce à "
            "des étiquettes QR résistantes et une application qui fonctionne hors ligne. Les "
            "scieries prouvent ainsi l'origine locale de leur bois pour les labels et les "
            "marchés publics. Trois scieries de l'Ariège utilisent l'outil et un brevet a été "
            "déposé sur le marquage. Le fondateur porte seul le projet et n'a pas encore recruté."
        ),
        contact="guillaume.soula@tracabois.example",
        city="Foix",
        tagline="La traçabilité du bois local, de la forêt au chantier.",
        problem=(
            "L'origine du bois est difficile à prouver une fois scié.",
            "Les labels de bois local exigent une traçabilité documentée.",
            "En forêt, la filière travaille le plus souvent sans réseau.",
        ),
        solution=(
            "Étiquettes QR résistantes aux intempéries et au sciage.",
            "Application mobile qui fonctionne hors ligne en forêt.",
            "Certificat d'origine généré pour chaque lot livré.",
        ),
        market="Près de 1 300 scieries en France, une filière en pleine relance.",
        key_figures=(
            ("Scieries clientes", "3"),
            ("Grumes tracées", "8 200"),
            ("Brevet déposé", "2025"),
            ("Abonnement moyen", "1 250 € / mois"),
        ),
        revenue_history=(
            ("2024", 8_000),
            ("2025", 45_000),
            ("2026", 130_000),
        ),
        team=(
            TeamMember("Guillaume Soula", "Fondateur", "Ancien technicien forestier"),
            TeamMember(
                "Poste à pourvoir", "Développeur mobile", "Recrutement prévu en 2026", vacant=True
            ),
        ),
        ask=(
            "Prêt d'honneur de 40 k€ pour recruter un premier développeur.",
            "Mise en relation avec l'interprofession du bois.",
            "Accompagnement à la constitution de l'équipe.",
        ),
    ),
)


@dataclass(frozen=True)
class ConflictSpec:
    juror: str
    dossier: str
    reason: str


CONFLICTS = (
    ConflictSpec("J2", "N26-006", "Ancien associé du fondateur"),
    ConflictSpec("J6", "N26-001", "Client du dossier (contrat de supervision en cours)"),
)
