"""The two scoring grids shipped with Selection Desk: start-up accelerator and social economy (ESS).

The start-up grid is the demo campaign's grid and the ``startup`` template's; the impact grid is the
``impact`` template's. Every criterion is scored 0–5 in half points, with a rubric level per whole
point written as ``value=Label : descriptor`` (design §3 ``levels``); descriptors avoid ``;``,
``=`` and ``:`` so that the cell splits unambiguously.
"""

from __future__ import annotations

from dataclasses import dataclass

RUBRIC_LABELS = ("Absent", "Faible", "Insuffisant", "Correct", "Bon", "Excellent")


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    label: str
    weight: int
    group: str
    description: str
    descriptors: tuple[str, str, str, str, str, str]
    """What each whole point 0–5 means for this criterion, in rubric order."""
    threshold: float | None = None
    scale_min: float = 0
    scale_max: float = 5
    step: float = 0.5

    def levels_text(self) -> str:
        return "; ".join(
            f"{value}={label} : {descriptor}"
            for value, (label, descriptor) in enumerate(
                zip(RUBRIC_LABELS, self.descriptors, strict=True)
            )
        )


STARTUP_CRITERIA = (
    CriterionSpec(
        code="CROISSANCE",
        label="Potentiel de croissance",
        weight=25,
        group="Marché",
        description=(
            "Capacité à atteindre 5 salariés et 500 k€ de chiffre d'affaires en moins d'un an, "
            "au vu du marché, de la traction et du plan de recrutement."
        ),
        descriptors=(
            "aucune trajectoire de croissance présentée",
            "marché étroit, croissance non démontrée",
            "trajectoire incertaine, objectifs à un an hors de portée",
            "trajectoire plausible, hypothèses à consolider",
            "traction réelle, objectifs à un an crédibles",
            "objectifs à un an déjà en vue, marché large",
        ),
    ),
    CriterionSpec(
        code="FINANCES",
        label="Structure financière",
        weight=15,
        group="Solidité",
        description="Fonds propres, trésorerie, besoin de financement et capacité à le couvrir.",
        descriptors=(
            "aucune donnée financière",
            "moins de trois mois de trésorerie, besoin non couvert",
            "fonds propres faibles, plan de financement fragile",
            "situation saine, besoin de financement identifié",
            "trésorerie solide, financements en cours",
            "structure équilibrée, financement sécurisé",
        ),
    ),
    CriterionSpec(
        code="PI",
        label="Propriété intellectuelle",
        weight=10,
        group="Innovation",
        description=(
            "Protection et singularité de la technologie (brevets, logiciels, marques, "
            "savoir-faire)."
        ),
        descriptors=(
            "aucun actif protégeable",
            "solution facilement copiable",
            "savoir-faire réel mais non protégé",
            "actifs identifiés, protection engagée",
            "technologie propre et protégée",
            "brevet ou actif difficile à reproduire",
        ),
    ),
    CriterionSpec(
        code="COMMERCIAL",
        label="Développement commercial",
        weight=20,
        group="Marché",
        description="Clients payants, canaux de vente, cycle de vente et coût d'acquisition.",
        descriptors=(
            "aucun client ni prospect",
            "quelques prospects, pas de client payant",
            "premiers clients, canal de vente non trouvé",
            "clients récurrents, canal de vente identifié",
            "ventes régulières, canal qui fonctionne",
            "croissance commerciale forte et reproductible",
        ),
    ),
    CriterionSpec(
        code="EQUIPE",
        label="Management et équipe",
        weight=20,
        group="Équipe",
        description=(
            "Complémentarité des fondateurs, capacité à recruter et à encadrer. Critère "
            "éliminatoire : un dossier dont la moyenne est inférieure à 2 n'est pas retenu."
        ),
        descriptors=(
            "porteur de projet sans équipe ni plan de recrutement",
            "compétences clés manquantes, aucun recrutement engagé",
            "équipe incomplète, recrutements non financés",
            "équipe complémentaire, quelques manques",
            "équipe solide, recrutements planifiés",
            "équipe expérimentée et complète",
        ),
        threshold=2,
    ),
    CriterionSpec(
        code="VOLONTE",
        label="Volonté de croissance",
        weight=10,
        group="Équipe",
        description=(
            "Ambition des dirigeants, disponibilité pour l'accompagnement, ouverture aux conseils."
        ),
        descriptors=(
            "aucune ambition de croissance exprimée",
            "projet de complément d'activité",
            "ambition floue",
            "ambition affichée, moyens à préciser",
            "ambition claire et engagement fort",
            "ambition chiffrée, dirigeants pleinement engagés",
        ),
    ),
)

IMPACT_CRITERIA = (
    CriterionSpec(
        code="IMPACT",
        label="Impact territorial",
        weight=20,
        group="Impact",
        description=(
            "Emplois, services et activité créés sur le territoire, en particulier dans les "
            "quartiers prioritaires et les zones rurales."
        ),
        descriptors=(
            "aucun effet local identifié",
            "effet local marginal",
            "effet local réel mais non mesuré",
            "emplois ou services locaux créés, suivi à construire",
            "effet local significatif et suivi",
            "effet local fort, durable et mesuré",
        ),
    ),
    CriterionSpec(
        code="UTILITE",
        label="Utilité sociale",
        weight=20,
        group="Impact",
        description=(
            "Réponse à un besoin social mal couvert, publics bénéficiaires, mesure de l'impact."
        ),
        descriptors=(
            "aucun besoin social identifié",
            "besoin social supposé, publics flous",
            "besoin réel, réponse encore imprécise",
            "besoin documenté, publics identifiés",
            "réponse pertinente, premiers indicateurs d'impact",
            "utilité sociale démontrée et évaluée",
        ),
    ),
    CriterionSpec(
        code="GOUVERNANCE",
        label="Gouvernance coopérative et démocratique",
        weight=15,
        group="Modèle",
        description=(
            "Place des salariés, bénévoles et usagers dans les décisions, partage de la valeur. "
            "Critère éliminatoire : une moyenne inférieure à 2 exclut le dossier."
        ),
        descriptors=(
            "décisions réservées au seul fondateur",
            "gouvernance annoncée mais non formalisée",
            "instances prévues, parties prenantes peu associées",
            "gouvernance démocratique en place",
            "parties prenantes associées aux décisions clés",
            "gouvernance exemplaire, lucrativité limitée inscrite dans les statuts",
        ),
        threshold=2,
    ),
    CriterionSpec(
        code="VIABILITE",
        label="Viabilité économique",
        weight=20,
        group="Modèle",
        description=(
            "Part des ressources propres, diversité des financements, équilibre à trois ans."
        ),
        descriptors=(
            "aucun modèle économique",
            "dépendance totale aux subventions",
            "ressources propres faibles, équilibre incertain",
            "modèle hybride plausible",
            "ressources diversifiées, équilibre à trois ans crédible",
            "modèle solide et déjà à l'équilibre",
        ),
    ),
    CriterionSpec(
        code="EQUIPE",
        label="Capacité de l'équipe",
        weight=15,
        group="Équipe",
        description=(
            "Compétences, complémentarité, place des bénévoles et capacité à conduire le projet."
        ),
        descriptors=(
            "porteur isolé, sans compétences clés",
            "compétences clés manquantes",
            "équipe en construction",
            "équipe complémentaire, quelques manques",
            "équipe solide et expérimentée",
            "équipe complète, relève organisée",
        ),
    ),
    CriterionSpec(
        code="PARTENARIATS",
        label="Partenariats locaux",
        weight=10,
        group="Territoire",
        description=(
            "Ancrage dans les réseaux locaux (collectivités, associations, entreprises, "
            "structures de l'ESS)."
        ),
        descriptors=(
            "aucun partenaire",
            "contacts informels",
            "partenariats envisagés, non engagés",
            "quelques partenariats actifs",
            "réseau de partenaires engagés",
            "partenariats formalisés et réciproques",
        ),
    ),
)
