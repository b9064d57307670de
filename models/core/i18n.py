"""Every text the app shows, in English and French, from one catalogue.

``t("dashboard.title", "fr")`` -> ``"Tableau de bord"``; placeholders are ``str.format`` fields
and both languages must use the same ones (a test checks). KPI names and definitions live in
``models.core.kpi_catalogue``; this module holds the rest of the interface.
"""

from __future__ import annotations

import datetime as dt
import numbers
import string
from collections.abc import Callable
from dataclasses import dataclass

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_US", "fr": "fr_FR"}  # Babel locales for numbers and dates
Escape = Callable[[object], str]  # makes a value from outside the catalogue safe to show

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ navigation, sidebar
    "page.dashboard": ("Dashboard", "Tableau de bord"),
    "page.forecast": ("Forecast", "Prévisions"),
    "page.whatif": ("What-if", "Simulations"),
    "page.objectives": ("Objectives", "Objectifs"),
    "page.data": ("Data", "Données"),
    "page.overview": ("Overview", "Aperçu"),
    "sidebar.language": ("Language", "Langue"),
    "sidebar.currency": ("Currency", "Devise"),
    "sidebar.demo": ("Showing the demo company (Papeterie Martin). Load your own files on the "
                     "**Data** page.",
                     "Vous voyez l'entreprise de démonstration (Papeterie Martin). Chargez vos "
                     "propres fichiers sur la page **Données**."),
    "sidebar.own": ("Showing your data: {kinds}.", "Vos données : {kinds}."),
    "sidebar.none_yet": ("none yet", "aucune pour l'instant"),
    "sidebar.back_to_demo": ("Back to the demo company", "Revenir à l'entreprise de démonstration"),
    "common.go_to_data": ("Go to Data", "Aller aux Données"),
    "spinner.demo": ("Loading the demo company…", "Chargement de l'entreprise de démonstration…"),
    "spinner.reading": ("Reading the file…", "Lecture du fichier…"),
    "spinner.checking": ("Checking the data…", "Vérification des données…"),
    "spinner.kpis": ("Computing the KPIs…", "Calcul des indicateurs…"),
    "common.none": ("—", "—"),
    "kind.orders": ("orders", "commandes"),
    "kind.leads": ("leads", "leads"),
    "kind.calls": ("calls", "appels"),
    "kind.feedback": ("feedback", "avis clients"),
    "kind.objectives": ("objectives", "objectifs"),
    "kind.conversions": ("closed deals", "affaires conclues"),
    # a file of each kind, inside sentences ("fichier d'appels": French elides before a vowel)
    "file.orders": ("orders file", "fichier de commandes"),
    "file.leads": ("leads file", "fichier de leads"),
    "file.calls": ("calls file", "fichier d'appels"),
    "file.feedback": ("feedback file", "fichier d'avis clients"),
    "file.objectives": ("objectives file", "fichier d'objectifs"),
    "file.conversions": ("closed deals file", "fichier d'affaires conclues"),
    "dimension.rep": ("rep", "commercial"),
    "dimension.region": ("region", "région"),
    "dimension.segment": ("segment", "segment"),
    "dimension.channel": ("channel", "canal"),
    "dimension.product": ("product", "produit"),
    "dimension.source": ("lead source", "source du lead"),
    "freq.W": ("Week", "Semaine"),
    "freq.M": ("Month", "Mois"),
    "freq.Q": ("Quarter", "Trimestre"),
    "freq.Y": ("Year", "Année"),
    "freq_word.W": ("week", "semaine"),
    "freq_word.M": ("month", "mois"),
    "freq_word.Q": ("quarter", "trimestre"),
    "freq_word.Y": ("year", "année"),
    # ------------------------------------------------------------------ dashboard
    "dashboard.no_data": ("No data loaded yet: upload an orders file on the **Data** page.",
                          "Aucune donnée chargée : importez un fichier de commandes sur la page "
                          "**Données**."),
    "dashboard.demo_banner": ("You are looking at **Papeterie Martin**, a demo company with 36 "
                              "months of orders, leads, calls and feedback.",
                              "Vous voyez **Papeterie Martin**, une entreprise de démonstration "
                              "avec 36 mois de commandes, leads, appels et avis."),
    "dashboard.load_own": ("Load my own data", "Charger mes données"),
    "dashboard.export": ("**The table of the {count} KPIs over the {periods} periods shown**:",
                         "**Le tableau des {count} indicateurs sur les {periods} périodes "
                         "affichées** :"),
    "dashboard.granularity": ("Granularity", "Granularité"),
    "dashboard.windows": ("Windows for churn and conversion", "Fenêtres d'attrition et de conversion"),
    "dashboard.churn_window": ("Churn window W (days without an order)",
                               "Fenêtre d'attrition W (jours sans commande)"),
    "dashboard.churn_window_help": (
        "Suggested from the gaps between purchases in your data: {days} days (90% of repeat "
        "purchases come back within it).",
        "Suggérée d'après les intervalles entre achats de vos données : {days} jours (90 % des "
        "réachats reviennent dans ce délai)."),
    "dashboard.conversion_window": ("Conversion window C (days)", "Fenêtre de conversion C (jours)"),
    "dashboard.periods": ("Periods", "Périodes"),
    "dashboard.break_down_by": ("Break down by", "Ventiler par"),
    "dashboard.in_progress": (" (in progress)", " (en cours)"),
    "dashboard.upload_hint": ("Upload {what} on the Data page.",
                              "Importez {what} sur la page Données."),
    "dashboard.upload.orders": ("an orders file", "un fichier de commandes"),
    "dashboard.upload.leads": ("a leads file", "un fichier de leads"),
    "dashboard.upload.calls": ("a calls file", "un fichier d'appels"),
    "dashboard.upload.feedback": ("a customer feedback file", "un fichier d'avis clients"),
    "dashboard.provisional": ("Provisional: this period's outcome is not known yet.",
                              "Provisoire : le résultat de cette période n'est pas encore connu."),
    "dashboard.objective": ("Objective {target}", "Objectif {target}"),
    "dashboard.on_pace": ("on pace for {share}", "en voie d'atteindre {share}"),
    "family.Sales": ("Sales", "Ventes"),
    "family.Customers": ("Customers", "Clients"),
    "family.Leads and marketing": ("Leads and marketing", "Leads et marketing"),
    "family.Calls": ("Calls", "Appels"),
    "family.Satisfaction and CRM": ("Satisfaction and CRM", "Satisfaction et CRM"),
    "dashboard.trend": ("Trend", "Tendance"),
    "dashboard.kpi": ("KPI", "Indicateur"),
    "dashboard.trend_caption": ("{definition} Dashed red line: the objective; hollow points: "
                                "provisional periods.",
                                "{definition} Trait rouge en pointillé : l'objectif ; points "
                                "creux : périodes provisoires."),
    "dashboard.by": ("By {dimension}", "Par {dimension}"),
    "dashboard.no_dimension": ("No table with a {dimension} column holds {kpi}.",
                               "Aucune table avec une colonne {dimension} ne contient {kpi}."),
    "dashboard.funnel": ("Funnel", "Entonnoir"),
    "dashboard.funnel_caption": ("Leads created in the selected periods → converted within C "
                                 "days → placed an order → ordered on two days or more.",
                                 "Leads créés sur les périodes choisies → convertis sous C "
                                 "jours → ont commandé → ont commandé au moins deux jours "
                                 "différents."),
    "dashboard.funnel_needs_leads": ("Upload a leads file on the Data page to see the funnel.",
                                     "Importez un fichier de leads sur la page Données pour voir "
                                     "l'entonnoir."),
    "dashboard.per_rep": ("Per rep", "Par commercial"),
    "dashboard.no_rep": ("No table has a rep column.", "Aucune table n'a de colonne commercial."),
    "funnel.Leads": ("Leads", "Leads"),
    "funnel.Converted": ("Converted", "Convertis"),
    "funnel.Customers": ("Customers", "Clients"),
    "funnel.Repeat customers": ("Repeat customers", "Clients fidèles"),
    # ------------------------------------------------------------------ charts
    "chart.period": ("Period", "Période"),
    "chart.objective": ("Objective", "Objectif"),
    "chart.actual": ("Actual", "Réel"),
    "chart.forecast": ("Forecast", "Prévision"),
    "chart.final": ("final", "définitif"),
    "chart.provisional": ("provisional", "provisoire"),
    "chart.low": ("{level}% low", "bas {level} %"),
    "chart.high": ("{level}% high", "haut {level} %"),
    "chart.baseline": ("Baseline", "Référence"),
    "chart.scenario": ("Scenario", "Scénario"),
    "chart.revenue": ("Revenue", "Chiffre d'affaires"),
    "chart.month": ("Month", "Mois"),
    # ------------------------------------------------------------------ forecast
    "forecast.for": ("For", "Pour"),
    "forecast.total": ("Total", "Total"),
    "forecast.each": ("each {dimension}", "chaque {dimension}"),
    "forecast.months_ahead": ("Months ahead", "Mois à prévoir"),
    "forecast.fitting": ("Fitting ETS, Theta and ARIMA, and backtesting them…",
                         "Ajustement d'ETS, Theta et ARIMA, et tests sur le passé…"),
    "forecast.fitting_groups": ("Forecasting each group…", "Prévision de chaque groupe…"),
    "forecast.no_group": ("No {dimension} has enough history of {kpi} to forecast.",
                          "Aucun(e) {dimension} n'a assez d'historique de {kpi} pour une "
                          "prévision."),
    "forecast.not_forecast": ("Not forecast: {groups}", "Sans prévision : {groups}"),
    "forecast.trained": ("Trained on {n} final months of {whose} history ({start} – {end}); "
                         "provisional months are left out. Shaded: 80% and 95% prediction "
                         "intervals. Dashed red: the objective.",
                         "Appris sur {n} mois définitifs de l'historique {whose} ({start} – "
                         "{end}) ; les mois provisoires sont exclus. Zones ombrées : intervalles "
                         "de prévision à 80 % et 95 %. Pointillé rouge : l'objectif."),
    "forecast.whose_total": ("the total's", "du total"),
    "forecast.whose_group": ("{group}'s", "de {group}"),
    "forecast.reconciled": (" Each {dimension}'s forecast is scaled so that they add up to the "
                            "total's forecast.",
                            " La prévision de chaque {dimension} est mise à l'échelle pour que "
                            "leur somme égale la prévision du total."),
    "forecast.model": ("Model", "Modèle"),
    "model.combination": ("Median of 6 models", "Médiane de 6 modèles"),
    "model.ridge": ("Ridge regression", "Régression ridge"),
    "model.intermittent": ("Croston (intermittent)", "Croston (intermittent)"),
    "model.seasonal_naive": ("Seasonal naive", "Naïf saisonnier"),
    "model.constant": ("Constant", "Constante"),
    "forecast.mase": ("Backtest error (MASE)", "Erreur sur le passé (MASE)"),
    "forecast.mase_help": ("Mean absolute error of the forecast on the last months of history, "
                           "re-forecast as if they were unknown, divided by the typical change "
                           "from one year to the next. Lower is better.",
                           "Erreur absolue moyenne de la prévision sur les derniers mois, "
                           "reprévus comme s'ils étaient inconnus, divisée par la variation "
                           "typique d'une année sur l'autre. Plus bas, c'est mieux."),
    "forecast.naive": ("Seasonal naive (same month last year)",
                       "Naïf saisonnier (même mois l'an dernier)"),
    "forecast.vs_naive": ("{change} error vs naive", "{change} d'erreur vs naïf"),
    "forecast.how_good": ("**How good is it?** Re-forecasting the past {n} times as if it were "
                          "unknown ({points} months compared with what happened), this forecast "
                          "was off by {error} on average, seasonal naive (same month last year) "
                          "by {naive}{band}.",
                          "**Quelle fiabilité ?** En reprévoyant le passé {n} fois comme s'il "
                          "était inconnu ({points} mois comparés à la réalité), cette prévision "
                          "s'est trompée de {error} en moyenne, le naïf saisonnier (même mois "
                          "l'an dernier) de {naive}{band}."),
    "forecast.band_held": ("; the {level}% band held {share} of the time ({points} months, each "
                           "judged by a band set from the other re-forecasts only)",
                           " ; la bande à {level} % a tenu {share} du temps ({points} mois, "
                           "chacun jugé par une bande fixée d'après les autres reprévisions "
                           "seulement)"),
    "forecast.too_short": ("Too little history to re-forecast the past: the intervals come from "
                           "the seasonal naive forecast's spread.",
                           "Trop peu d'historique pour reprévoir le passé : les intervalles "
                           "viennent de la dispersion du naïf saisonnier."),
    "forecast.chance": ("Chance of reaching the objective", "Chance d'atteindre l'objectif"),
    "forecast.lapses": ("Customer by customer, the **Customers at risk** model expects "
                        "**{expected}** of the {active} active customers to lapse in the next "
                        "{window} days ({share}).",
                        "Client par client, le modèle des **Clients à risque** prévoit le "
                        "départ de **{expected}** des {active} clients actifs dans les {window} "
                        "prochains jours ({share})."),
    "forecast.no_objective": ("No {kpi} objective for {who} in these months: set some on the "
                              "**Objectives** page.",
                              "Pas d'objectif de {kpi} pour {who} sur ces mois : fixez-en sur "
                              "la page **Objectifs**."),
    "forecast.the_total": ("the total", "le total"),
    "forecast.total_chance": ("**{chance}** chance that {kpi}{whose} over the next {horizon} "
                              "months reaches the sum of its monthly objectives ({target}; "
                              "forecast {forecast}).",
                              "**{chance}** de chances que {kpi}{whose} sur les {horizon} "
                              "prochains mois atteigne la somme de ses objectifs mensuels "
                              "({target} ; prévision {forecast})."),
    "forecast.of_group": (" of {group}", " de {group}"),
    "forecast.month": ("Month", "Mois"),
    "forecast.objective": ("Objective", "Objectif"),
    "forecast.probability": ("Probability", "Probabilité"),
    "forecast.paths": ("From {n} simulated futures whose spread matches the backtested "
                       "intervals.",
                       "D'après {n} futurs simulés dont la dispersion reprend celle des "
                       "intervalles testés sur le passé."),
    # ------------------------------------------------------------------ what-if
    "whatif.no_orders": ("What-if works from orders: upload an orders file on the **Data** page.",
                         "Les simulations partent des commandes : importez un fichier de "
                         "commandes sur la page **Données**."),
    "whatif.bad_link": ("Shared link: {problem}; that driver starts at its baseline.",
                        "Lien partagé : {problem} ; ce levier part de sa référence."),
    "whatif.months_ahead": ("Months ahead", "Mois simulés"),
    "whatif.fitting": ("Forecasting each driver (leads, conversion, churn, basket…)…",
                       "Prévision de chaque levier (leads, conversion, attrition, panier…)…"),
    "whatif.drivers": ("Drivers", "Leviers"),
    "whatif.level": ("{base} → **{level}** a month · history {low}–{high}",
                     "{base} → **{level}** par mois · historique {low}–{high}"),
    "whatif.outside": (" · :orange[outside what the business has known]",
                       " · :orange[hors de ce que l'entreprise a connu]"),
    "whatif.reset": ("Reset to baseline", "Revenir à la référence"),
    "whatif.scenario_total": ("Scenario, {horizon} months", "Scénario, {horizon} mois"),
    "whatif.vs_baseline": ("{change} vs baseline", "{change} vs référence"),
    "whatif.objective": ("Objective", "Objectif"),
    "whatif.gap": ("gap {gap}", "écart {gap}"),
    "whatif.chance": ("Chance to reach it", "Chance de l'atteindre"),
    "whatif.pts_vs_baseline": ("{points} pts vs baseline", "{points} pts vs référence"),
    "whatif.baseline_revenue": ("Baseline revenue", "CA de référence"),
    "whatif.no_objective_help": ("Set monthly revenue objectives for these months on the "
                                 "Objectives page.",
                                 "Fixez des objectifs mensuels de chiffre d'affaires pour ces "
                                 "mois sur la page Objectifs."),
    "whatif.caption": ("Baseline: the revenue forecast ({model}). Each driver has its own "
                       "forecast; recombined they come within {agreement} of it over {horizon} "
                       "months, and the scenario applies their relative effect. The chance "
                       "assumes the drivers move exactly as set; only the forecast's own "
                       "uncertainty remains.",
                       "Référence : la prévision du chiffre d'affaires ({model}). Chaque levier a "
                       "sa propre prévision ; recombinées, elles s'en écartent de {agreement} sur "
                       "{horizon} mois, et le scénario applique leur effet relatif. La chance "
                       "suppose que les leviers bougent exactement comme réglé ; seule "
                       "l'incertitude de la prévision demeure."),
    "whatif.what_it_takes": ("What it takes to reach the objective",
                             "Ce qu'il faut pour atteindre l'objectif"),
    "whatif.no_objective": ("No revenue objective covers all of these months: set them on the "
                            "**Objectives** page to get goal-seek.",
                            "Aucun objectif de chiffre d'affaires ne couvre tous ces mois : "
                            "fixez-les sur la page **Objectifs** pour obtenir la recherche "
                            "d'objectif."),
    "whatif.unreachable": ("- {driver}: out of reach — on its own, the nearest it gets is "
                           "{closest}",
                           "- {driver} : hors d'atteinte — à lui seul, il n'approche pas plus "
                           "que {closest}"),
    "whatif.stretch": (" — **a stretch**: beyond its historical best ({best})",
                       " — **ambitieux** : au-delà de son meilleur niveau historique ({best})"),
    "whatif.seek_line": ("- {driver} from {base} to **{required}** a month ({change}){stretch}",
                         "- {driver} de {base} à **{required}** par mois ({change}){stretch}"),
    "whatif.ahead": ("The baseline already beats the objective by {ahead}. Any one of these, "
                     "the others unchanged, would bring revenue down to it:",
                     "La référence dépasse déjà l'objectif de {ahead}. Chacun de ces "
                     "changements, les autres inchangés, ramènerait le chiffre d'affaires à "
                     "l'objectif :"),
    "whatif.behind": ("Any one of these, the others unchanged, brings revenue to {target}:",
                      "Chacun de ces changements, les autres inchangés, porte le chiffre "
                      "d'affaires à {target} :"),
    "whatif.saved": ("Saved scenarios", "Scénarios enregistrés"),
    "whatif.clamped": ("{driver}: {asked} % is beyond this slider's range ({low} to {high} %); "
                       "it is set to {value} %.",
                       "{driver} : {asked} % dépasse la plage de ce curseur ({low} à {high} %) ; "
                       "il est placé à {value} %."),
    "whatif.visitor_copy": ("Scenarios saved on the demo are your own: they live in this browser "
                            "session only and no other visitor sees them. The address bar's "
                            "link and the comparison's download keep them.",
                            "Les scénarios enregistrés sur la démo sont les vôtres : ils ne "
                            "vivent que dans cette session du navigateur et aucun autre visiteur "
                            "ne les voit. Le lien de la barre d'adresse et le téléchargement de "
                            "la comparaison les conservent."),
    "whatif.skipped": ("{count} saved scenario(s) left out: {names}.",
                       "{count} scénario(s) enregistré(s) écarté(s) : {names}."),
    "whatif.name": ("Name this scenario", "Nom du scénario"),
    "whatif.save": ("Save", "Enregistrer"),
    "whatif.saved_toast": ("Saved “{name}”.", "« {name} » enregistré."),
    "whatif.none_saved": ("None yet: set the sliders, name the scenario and save it.",
                          "Aucun pour l'instant : réglez les curseurs, nommez le scénario et "
                          "enregistrez-le."),
    "whatif.compare": ("Compare", "Comparer"),
    "whatif.col.scenario": ("Scenario", "Scénario"),
    "whatif.col.revenue": ("Revenue, {horizon} months", "CA, {horizon} mois"),
    "whatif.col.vs_baseline": ("vs baseline", "vs référence"),
    "whatif.col.objective": ("Objective", "Objectif"),
    "whatif.col.gap": ("Gap", "Écart"),
    "whatif.col.chance": ("Chance", "Chance"),
    "whatif.baseline_row": ("Baseline", "Référence"),
    "whatif.not_comparable": ("Not comparable with this data (a driver is missing): {names}.",
                              "Non comparables avec ces données (un levier manque) : {names}."),
    "whatif.pick": ("Scenario", "Scénario"),
    "whatif.load": ("Load", "Charger"),
    "whatif.delete": ("Delete", "Supprimer"),
    "whatif.share": ("Share this scenario: copy the address bar — the link opens the page with "
                     "these sliders.",
                     "Partager ce scénario : copiez la barre d'adresse — le lien ouvre la page "
                     "avec ces curseurs."),
    "driver.leads": ("Leads per month", "Leads par mois"),
    "driver.conversion_rate": ("Conversion rate", "Taux de conversion"),
    "driver.new_customers": ("New customers per month", "Nouveaux clients par mois"),
    "driver.churn_rate": ("Churn rate (monthly)", "Taux d'attrition (mensuel)"),
    "driver.orders_per_customer": ("Orders per buying customer", "Commandes par client acheteur"),
    "driver.average_basket": ("Average basket", "Panier moyen"),
    # ------------------------------------------------------------------ objectives
    "objectives.help": ("One row per target: a period (`2026-03`, `2026-Q1` or `2026`), a KPI, "
                        "an optional group (a rep, a region…) and the target. Rates are "
                        "fractions: 0.05 = 5 %.",
                        "Une ligne par objectif : une période (`2026-03`, `2026-Q1` ou `2026`), "
                        "un indicateur, un groupe facultatif (un commercial, une région…) et la "
                        "cible. Les taux sont des fractions : 0,05 = 5 %."),
    "objectives.skipped": ("{count} saved objective(s) left out: they fail today's checks "
                           "({rows}). Saving the objectives again removes them.",
                           "{count} objectif(s) enregistré(s) écarté(s) : ils ne passent pas "
                           "les contrôles actuels ({rows}). Enregistrer à nouveau les objectifs "
                           "les supprime."),
    "objectives.visitor_copy": ("This is your own copy of the demo's objectives: it lives in this "
                                "browser session only (closing or reloading the tab ends it) and "
                                "no other visitor sees it. **Export CSV** keeps it; so does "
                                "loading your own data, which keeps these rows in the grid to "
                                "save with it.",
                                "Ceci est votre copie des objectifs de la démo : elle ne vit que "
                                "dans cette session du navigateur (fermer ou recharger l'onglet "
                                "y met fin) et aucun autre visiteur ne la voit. **Exporter en "
                                "CSV** la conserve ; charger vos propres données aussi : ces "
                                "lignes restent dans la grille, à enregistrer avec elles."),
    "objectives.own_scope": ("Saved for this data set (its orders file) in {where}: they survive a "
                             "restart, and only someone who loads the same file sees them.",
                             "Enregistrés pour ce jeu de données (son fichier de commandes) dans "
                             "{where} : ils survivent à un redémarrage, et seul qui charge le "
                             "même fichier les voit."),
    "objectives.carried": ("These rows come from the data you used before and are not saved for "
                           "this data yet: save them, or change them first.",
                           "Ces lignes viennent des données utilisées avant et ne sont pas encore "
                           "enregistrées pour celles-ci : enregistrez-les, ou modifiez-les "
                           "d'abord."),
    "objectives.kept_for_retry": ("What you typed is kept in the grid: save again when the "
                                  "database is back.",
                                  "Votre saisie reste dans la grille : enregistrez à nouveau "
                                  "quand la base sera de retour."),
    "objectives.file_not_used": ("The objectives file was not used: {error}",
                                 "Le fichier d'objectifs n'a pas été utilisé : {error}"),
    "objectives.local_db": ("a local SQLite file", "un fichier SQLite local"),
    "objectives.team_db": ("the database of OBJECTIF_DB_URL", "la base de OBJECTIF_DB_URL"),
    "objectives.col.period": ("Period", "Période"),
    "objectives.col.kpi": ("KPI", "Indicateur"),
    "objectives.col.kpi_help": ("See the KPI definitions in docs/KPIS.md",
                                "Voir les définitions dans docs/KPIS.md"),
    "objectives.col.group": ("Group (optional)", "Groupe (facultatif)"),
    "objectives.col.target": ("Target", "Cible"),
    "objectives.col.source": ("From", "Origine"),
    "objectives.col.source_help": ("The file and line a row was imported from; messages name "
                                   "the row by it", "Le fichier et la ligne d'où vient la "
                                   "ligne ; les messages la désignent ainsi"),
    "objectives.imported": ("{file}: {kept} row(s) added to the grid, {dropped} left out.",
                            "{file} : {kept} ligne(s) ajoutée(s) à la grille, {dropped} "
                            "écartée(s)."),
    "objectives.save": ("Save objectives", "Enregistrer les objectifs"),
    "objectives.saved": ("{count} objectives saved.", "{count} objectifs enregistrés."),
    "objectives.export": ("Export CSV", "Exporter en CSV"),
    "objectives.bulk": ("Fill in bulk", "Remplir en masse"),
    "objectives.uplift": ("Same month last year +", "Même mois l'an dernier +"),
    "objectives.uplift_help": ("in percent", "en pourcentage"),
    "objectives.months": ("Months", "Mois"),
    "objectives.fill": ("Fill from last year", "Remplir depuis l'an dernier"),
    "objectives.nothing_to_fill": ("No actuals a year before these months: nothing to fill.",
                                   "Pas de réalisé un an avant ces mois : rien à remplir."),
    "objectives.copy_of": ("Copy the objectives of", "Copier les objectifs de"),
    "objectives.copy_to": ("to", "vers"),
    "objectives.copy": ("Copy", "Copier"),
    "objectives.import": ("Import objectives (CSV or Excel: period, KPI, target)",
                          "Importer des objectifs (CSV ou Excel : période, indicateur, cible)"),
    "objectives.add": ("Add to the grid", "Ajouter à la grille"),
    "objectives.attainment": ("Attainment", "Atteinte"),
    "objectives.none_saved": ("No objectives saved yet: add rows above and save.",
                              "Aucun objectif enregistré : ajoutez des lignes ci-dessus et "
                              "enregistrez."),
    "objectives.pace": ("At the current run-rate you reach **{share}** of this {period}'s {kpi} "
                        "objective ({projected} projected for {target}).",
                        "Au rythme actuel, vous atteignez **{share}** de l'objectif de {kpi} "
                        "de ce(tte) {period} ({projected} projetés pour {target})."),
    "objectives.col.actual": ("Actual", "Réel"),
    "objectives.col.attainment": ("Attainment", "Atteinte"),
    "objectives.col.met": ("Met", "Atteint"),
    "objectives.rule": ("Attainment = actual / target (target / actual where lower is better, "
                        "like churn): 100 % or more means met. Additive KPIs ({additive}) roll "
                        "up from months to quarters and years by sum; rates by mean.",
                        "Atteinte = réel / cible (cible / réel quand plus bas est mieux, comme "
                        "l'attrition) : 100 % ou plus signifie atteint. Les indicateurs additifs "
                        "({additive}) se cumulent des mois aux trimestres et années ; les taux "
                        "par moyenne."),
    # ------------------------------------------------------------------ data
    "data.demo_banner": ("You are looking at the **demo company**. Upload your own orders below "
                         "(CSV or Excel, French or English headers, any separator): the app "
                         "switches to your data.",
                         "Vous voyez l'**entreprise de démonstration**. Importez vos propres "
                         "commandes ci-dessous (CSV ou Excel, en-têtes français ou anglais, tout "
                         "séparateur) : l'application passe sur vos données."),
    "data.tab.orders": ("Orders (required)", "Commandes (obligatoire)"),
    "data.tab.leads": ("Leads", "Leads"),
    "data.tab.calls": ("Calls", "Appels"),
    "data.tab.feedback": ("Customer feedback", "Avis clients"),
    "data.tab.objectives": ("Objectives", "Objectifs"),
    "data.tab.conversions": ("Closed deals (optional)", "Affaires conclues (facultatif)"),
    "data.objectives_note": ("A file loaded here fills the Objectives page when no objectives "
                             "are saved yet; to add to saved ones, use Objectives → Fill in bulk "
                             "→ Import.",
                             "Un fichier chargé ici remplit la page Objectifs tant qu'aucun "
                             "objectif n'est enregistré ; pour compléter des objectifs "
                             "enregistrés, utilisez Objectifs → Remplir en masse → Importer."),
    "data.in_use": ("In use: {rows} rows.", "En service : {rows} lignes."),
    "data.sheet": ("Sheet", "Feuille"),
    "data.kept_before": ("{error}\n\nThe data loaded before is still in use.",
                         "{error}\n\nLes données chargées auparavant restent en service."),
    "data.mapping": ("Column mapping", "Correspondance des colonnes"),
    "data.mapping_help": ("Recognised automatically from the headers; change any that is wrong.",
                          "Reconnue automatiquement d'après les en-têtes ; corrigez ce qui est "
                          "faux."),
    "data.not_in_file": ("— not in this file —", "— absent de ce fichier —"),
    "data.not_understood": ("— not understood —", "— non compris —"),
    "data.date_order": ("Date order", "Ordre des dates"),
    "data.decimal": ("Decimal mark", "Séparateur décimal"),
    "data.detect": ("detect", "détecter"),
    "data.dayfirst": ("day/month", "jour/mois"),
    "data.monthfirst": ("month/day", "mois/jour"),
    "data.comma": ("comma", "virgule"),
    "data.point": ("point", "point"),
    "data.value_mapping": ("Value mapping", "Correspondance des valeurs"),
    "data.value_mapping_help": ("These values were not recognised. Say what each one means; rows "
                                "left as 'not understood' are dropped (for a converted flag: not "
                                "converted).",
                                "Ces valeurs n'ont pas été reconnues. Indiquez ce que chacune "
                                "signifie ; les lignes laissées « non comprises » sont écartées "
                                "(pour un indicateur de conversion : non converti)."),
    "data.loaded": ("**{name}** loaded as {kind}: {rows} rows in use.",
                    "**{name}** chargé comme {kind} : {rows} lignes en service."),
    "data.preview": ("Preview", "Aperçu"),
    "data.closed_deals": ("**Closed deals, if your CRM exports them apart from the leads**",
                          "**Affaires conclues, si votre CRM les exporte à part des leads**"),
    "report.rows_read": ("Rows read", "Lignes lues"),
    "report.rows_kept": ("Rows kept", "Lignes gardées"),
    "report.rows_dropped": ("Rows dropped", "Lignes écartées"),
    "report.duplicates": ("Duplicate rows", "Lignes en double"),
    "report.period": ("**Period**: {start} → {end}", "**Période** : {start} → {end}"),
    "report.empty_months": ("**Months with no row**: {months}", "**Mois sans ligne** : {months}"),
    "report.refunds": ("**Negative amounts (refunds)**: {count} row(s), {total} in total (kept)",
                       "**Montants négatifs (remboursements)** : {count} ligne(s), {total} au "
                       "total (gardées)"),
    "report.note": ("**Note**: {note}", "**Remarque** : {note}"),
    "report.detected": ("**{what}**: {value}", "**{what}** : {value}"),
    "report.empty_fields": ("**Empty optional fields**", "**Champs facultatifs vides**"),
    "report.column": ("column", "colonne"),
    "report.empty": ("empty", "vide"),
    # ------------------------------------------------------------------ overview
    "overview.demo": ("This is the **demo company**, Papeterie Martin: 36 months of orders, "
                      "leads, calls, feedback and objectives. Go to **Data** to load your own "
                      "files.",
                      "Voici l'**entreprise de démonstration**, Papeterie Martin : 36 mois de "
                      "commandes, leads, appels, avis et objectifs. Allez dans **Données** pour "
                      "charger vos propres fichiers."),
    "overview.no_orders": ("No orders loaded yet: upload an orders file on the **Data** page "
                           "(date, customer and amount columns).",
                           "Aucune commande chargée : importez un fichier de commandes sur la "
                           "page **Données** (colonnes date, client et montant)."),
    "overview.table": ("table", "table"),
    "overview.rows": ("rows", "lignes"),
    "overview.from": ("from", "du"),
    "overview.to": ("to", "au"),
    # ------------------------------------------------------------------ customers at risk
    "page.risk": ("Customers at risk", "Clients à risque"),
    "page.leads": ("Leads to work first", "Leads prioritaires"),
    "risk.col.p_churn": ("Risk", "Risque"),
    "risk.col.p_churn_help": ("Probability of no order in the next W days",
                              "Probabilité de n'avoir aucune commande dans les W prochains jours"),
    "risk.col.value_at_stake": ("Value at stake", "Valeur en jeu"),
    "risk.col.value_at_stake_help": ("Average yearly revenue (revenue so far for customers of "
                                     "less than a year)",
                                     "Chiffre d'affaires annuel moyen (CA à ce jour pour les "
                                     "clients de moins d'un an)"),
    "risk.col.reason": ("Main reason", "Raison principale"),
    "risk.col.rep": ("Rep", "Commercial"),
    "risk.col.customer": ("Customer", "Client"),
    "leads.col.lead": ("Lead", "Lead"),
    "estimator.boosting": ("gradient boosting", "gradient boosting"),
    "estimator.logistic": ("logistic regression", "régression logistique"),
    "estimator.blend": ("the average of gradient boosting and logistic regression",
                        "la moyenne d'un gradient boosting et d'une régression logistique"),
    "risk.col.recency_days": ("Days since last order", "Jours depuis la dernière commande"),
    "risk.col.frequency": ("Purchase days", "Jours d'achat"),
    "risk.col.usual_gap_days": ("Usual gap (days)", "Intervalle habituel (jours)"),
    "risk.col.orders_last_6m": ("Orders, last 6 months", "Commandes, 6 derniers mois"),
    "risk.col.orders_prior_6m": ("Orders, 6 months before", "Commandes, 6 mois précédents"),
    "risk.col.tenure_days": ("Customer for (days)", "Client depuis (jours)"),
    "risk.no_orders": ("No orders loaded yet: upload an orders file (date, customer, amount) on "
                       "the **Data** page to see which customers are about to lapse.",
                       "Aucune commande chargée : importez un fichier de commandes (date, "
                       "client, montant) sur la page **Données** pour voir quels clients sont "
                       "sur le point de partir."),
    "risk.learning": ("Learning from your history who lapses…",
                      "Apprentissage, sur votre historique, de qui part…"),
    "risk.caption": ("Customers who ordered in the {window} days before {day}, ranked by the "
                     "probability that they place no order in the next {window} days (the churn "
                     "window W, set on the Dashboard).",
                     "Clients ayant commandé dans les {window} jours avant le {day}, classés par "
                     "probabilité de ne passer aucune commande dans les {window} prochains jours "
                     "(la fenêtre d'attrition W, réglée sur le Tableau de bord)."),
    "risk.active": ("Active customers", "Clients actifs"),
    "risk.expected": ("Expected lapses, next {window} days",
                      "Départs attendus, {window} prochains jours"),
    "risk.expected_help": ("The sum of the active customers' probabilities.",
                           "La somme des probabilités des clients actifs."),
    "risk.at_risk": ("Yearly revenue at risk", "CA annuel à risque"),
    "risk.at_risk_help": ("Sum of probability × value at stake.",
                          "Somme des probabilités × valeur en jeu."),
    "risk.how_accurate": ("How accurate is this? {sentence}", "Quelle fiabilité ? {sentence}"),
    "risk.reps": ("Reps", "Commerciaux"),
    "risk.all_reps": ("All reps", "Tous les commerciaux"),
    "risk.min_risk": ("Minimum risk", "Risque minimum"),
    "risk.shown": ("{shown} of {total} active customers shown. Model: {model}, trained on {n} "
                   "past snapshots of your orders.",
                   "{shown} clients actifs affichés sur {total}. Modèle : {model}, entraîné sur "
                   "{n} instantanés passés de vos commandes."),
    "common.first_rows": ("The first {n} of {total} rows are shown; the downloads hold them all.",
                          "Les {n} premières lignes sur {total} sont affichées ; les "
                          "téléchargements les contiennent toutes."),
    "common.download_csv": ("Download CSV", "Télécharger en CSV"),
    "common.download_excel": ("Download Excel", "Télécharger en Excel"),
    # ------------------------------------------------------------------ leads to work first
    "leads.col.p_convert": ("Chance to convert", "Chance de conversion"),
    "leads.col.p_convert_help": ("Probability of converting in the next C days",
                                 "Probabilité de conversion dans les C prochains jours"),
    "leads.col.expected_value": ("Expected value", "Valeur attendue"),
    "leads.col.expected_value_help": ("Chance × value (leads without a value count the median "
                                      "value of converted leads)",
                                      "Chance × valeur (un lead sans valeur compte la valeur "
                                      "médiane des leads convertis)"),
    "leads.col.value": ("Value", "Valeur"),
    "leads.col.source": ("Source", "Source"),
    "leads.col.segment": ("Segment", "Segment"),
    "leads.col.region": ("Region", "Région"),
    "leads.col.created": ("Created", "Créé le"),
    "leads.col.age_days": ("Age (days)", "Âge (jours)"),
    "leads.col.completeness": ("Record filled", "Fiche remplie"),
    "leads.col.rate_source": ("Source converts", "Conversion de la source"),
    "leads.col.rate_source_help": ("Share of this source's leads of the past year that "
                                   "converted within C days",
                                   "Part des leads de cette source sur l'année écoulée "
                                   "convertis sous C jours"),
    "leads.no_leads": ("No leads loaded yet. Upload a leads file on the **Data** page: one row "
                       "per lead with its id and created date, and ideally its source, rep, "
                       "value and the date it converted (or a separate closed-deals file). The "
                       "app then learns from past leads which open ones are likely to convert.",
                       "Aucun lead chargé. Importez un fichier de leads sur la page "
                       "**Données** : une ligne par lead avec son identifiant et sa date de "
                       "création, et idéalement sa source, son commercial, sa valeur et sa date "
                       "de conversion (ou un fichier d'affaires conclues à part). L'application "
                       "apprend alors des leads passés lesquels, parmi les ouverts, vont "
                       "probablement se convertir."),
    "leads.learning": ("Learning from past leads which ones convert…",
                       "Apprentissage, sur les leads passés, de ceux qui se convertissent…"),
    "leads.caption": ("Leads open on {day} (created before, not converted yet), ranked by their "
                      "chance of converting in the next {window} days (the conversion window C, "
                      "set on the Dashboard) times their value.",
                      "Leads ouverts au {day} (créés avant, pas encore convertis), classés par "
                      "chance de conversion dans les {window} prochains jours (la fenêtre de "
                      "conversion C, réglée sur le Tableau de bord) multipliée par leur valeur."),
    "leads.open": ("Open leads", "Leads ouverts"),
    "leads.expected": ("Expected conversions, next {window} days",
                       "Conversions attendues, {window} prochains jours"),
    "leads.expected_value": ("Expected value", "Valeur attendue"),
    "leads.left_out": ("Not used to score: {fields} — filled only on leads that converted, so "
                       "written at conversion.",
                       "Non utilisés pour le score : {fields} — remplis seulement sur les leads "
                       "convertis, donc écrits à la conversion."),
    "leads.shown": ("{shown} open leads. Model: {model}, trained on {n} past snapshots of your "
                    "leads.",
                    "{shown} leads ouverts. Modèle : {model}, entraîné sur {n} instantanés "
                    "passés de vos leads."),
    # ------------------------------------------------------------------ errors (DataError.coded)
    "error.not_found": ("file '{name}' not found", "fichier « {name} » introuvable"),
    "error.empty_file": ("'{name}' is empty: export the table again, with its header row.",
                         "« {name} » est vide : exportez à nouveau la table, avec sa ligne "
                         "d'en-têtes."),
    "error.binary_file": ("'{name}' is not a text table (it holds binary data): upload a CSV, "
                          "Excel or Parquet file.",
                          "« {name} » n'est pas une table texte (il contient des données "
                          "binaires) : importez un fichier CSV, Excel ou Parquet."),
    "error.undecodable": ("'{name}' could not be decoded as {encoding}: save it again as UTF-8 "
                          "CSV.",
                          "« {name} » n'a pas pu être décodé en {encoding} : enregistrez-le à "
                          "nouveau en CSV UTF-8."),
    "error.no_separator": ("no separator found: expected a table whose columns are separated by "
                           "a comma, a semicolon, a tab or a pipe (|).",
                           "aucun séparateur trouvé : une table aux colonnes séparées par une "
                           "virgule, un point-virgule, une tabulation ou une barre (|) est "
                           "attendue."),
    "error.no_separator_in": ("'{name}': no separator found: expected a table whose columns are "
                              "separated by a comma, a semicolon, a tab or a pipe (|).",
                              "« {name} » : aucun séparateur trouvé : une table aux colonnes "
                              "séparées par une virgule, un point-virgule, une tabulation ou une "
                              "barre (|) est attendue."),
    "error.unreadable_table": ("'{name}' could not be read as a table (separator {separator}): "
                               "{detail}",
                               "« {name} » n'a pas pu être lu comme une table (séparateur "
                               "{separator}) : {detail}"),
    "error.single_column": ("'{name}' has a single column ({columns}): expected a table with "
                            "columns separated by , ; tab or |.",
                            "« {name} » n'a qu'une colonne ({columns}) : une table aux colonnes "
                            "séparées par , ; tabulation ou | est attendue."),
    "error.header_only": ("'{name}' has a header row but no data rows.",
                          "« {name} » a une ligne d'en-têtes mais aucune ligne de données."),
    "error.bad_parquet": ("'{name}' could not be read as a Parquet file ({detail}); export it "
                          "again, or upload the table as CSV.",
                          "« {name} » n'a pas pu être lu comme fichier Parquet ({detail}) ; "
                          "exportez-le à nouveau, ou importez la table en CSV."),
    "error.bad_workbook": ("'{name}' could not be opened as an Excel workbook ({detail}); open it "
                           "in Excel and save it again as .xlsx or CSV.",
                           "« {name} » n'a pas pu être ouvert comme classeur Excel ({detail}) ; "
                           "ouvrez-le dans Excel et enregistrez-le à nouveau en .xlsx ou CSV."),
    # limits of models.data.upload_limits / models.data.isolation: what was hit, and how to get under it
    "error.too_many_columns": ("'{name}' has {found} columns, more than the {limit} Objectif "
                               "reads: export only the columns you need (date, customer, "
                               "amount, …), or check the separator.",
                               "« {name} » a {found} colonnes, plus que les {limit} qu'Objectif "
                               "lit : exportez seulement les colonnes utiles (date, client, "
                               "montant…), ou vérifiez le séparateur."),
    "error.too_many_cells": ("'{name}' holds {rows} rows of {columns} columns, more than the "
                             "{limit} cells Objectif reads from one file: export fewer columns "
                             "or a shorter period, or split the file by year.",
                             "« {name} » contient {rows} lignes de {columns} colonnes, plus que "
                             "les {limit} cellules qu'Objectif lit dans un fichier : exportez "
                             "moins de colonnes ou une période plus courte, ou découpez le "
                             "fichier par année."),
    "error.unzipped_too_large": ("'{name}' unpacks to more than {size_mb} MB, more than the "
                                 "{limit_mb} MB Objectif reads from a workbook: save the sheet "
                                 "as CSV and upload that instead.",
                                 "« {name} » se décompresse en plus de {size_mb} Mo, plus que "
                                 "les {limit_mb} Mo qu'Objectif lit d'un classeur : enregistrez "
                                 "la feuille en CSV et importez ce fichier."),
    "error.sheet_too_wide": ("'{name}': a sheet uses {found} columns, more than the {limit} "
                             "Objectif reads: in Excel, delete the empty columns right of your "
                             "table (Ctrl+End shows the last cell in use) or save the sheet as "
                             "CSV.",
                             "« {name} » : une feuille utilise {found} colonnes, plus que les "
                             "{limit} qu'Objectif lit : dans Excel, supprimez les colonnes vides "
                             "à droite du tableau (Ctrl+Fin montre la dernière cellule "
                             "utilisée) ou enregistrez la feuille en CSV."),
    "error.sheet_too_large": ("'{name}': a sheet's used range spans {rows} rows by {columns} "
                              "columns ({cells} cells), more than the {limit} Objectif reads: in "
                              "Excel, delete the empty rows and columns beyond your table "
                              "(Ctrl+End shows the last cell in use) or save the sheet as CSV.",
                              "« {name} » : la plage utilisée d'une feuille couvre {rows} lignes "
                              "sur {columns} colonnes ({cells} cellules), plus que les {limit} "
                              "qu'Objectif lit : dans Excel, supprimez les lignes et colonnes "
                              "vides au-delà du tableau (Ctrl+Fin montre la dernière cellule "
                              "utilisée) ou enregistrez la feuille en CSV."),
    "error.read_out_of_memory": ("'{name}' needed more than the {limit_mb} MB of memory allowed "
                                 "for reading one file: upload it as CSV or Parquet, with fewer "
                                 "columns or a shorter period.",
                                 "« {name} » demandait plus que les {limit_mb} Mo de mémoire "
                                 "permis pour lire un fichier : importez-le en CSV ou Parquet, "
                                 "avec moins de colonnes ou une période plus courte."),
    "error.read_too_slow": ("reading '{name}' took more than the {seconds} s allowed, and was "
                            "stopped: upload it as CSV or Parquet, or split it by year.",
                            "la lecture de « {name} » a dépassé les {seconds} s permises et a "
                            "été arrêtée : importez-le en CSV ou Parquet, ou découpez-le par "
                            "année."),
    "error.read_crashed": ("'{name}' could not be read ({detail}): open it in the program that "
                           "made it and save it again as CSV.",
                           "« {name} » n'a pas pu être lu ({detail}) : ouvrez-le dans le "
                           "logiciel qui l'a produit et enregistrez-le à nouveau en CSV."),
    "error.no_sheet": ("'{name}' has no sheet {sheet}; its sheets are {sheets}.",
                       "« {name} » n'a pas de feuille {sheet} ; ses feuilles sont {sheets}."),
    "error.empty_sheet": ("'{name}', sheet {sheet} is empty: pick the sheet that holds the table "
                          "(sheets: {sheets}).",
                          "« {name} », la feuille {sheet} est vide : choisissez la feuille qui "
                          "contient la table (feuilles : {sheets})."),
    "error.no_usable_row": ("{file} '{name}': no usable row ({reasons}). Check the column "
                            "mapping and the date and number options.",
                            "{file} « {name} » : aucune ligne utilisable ({reasons}). "
                            "Vérifiez la correspondance des colonnes et les options de dates et "
                            "de nombres."),
    "error.mapped_absent": ("{file} '{name}': mapped column(s) {columns} not in the file; "
                            "found {found}.",
                            "{file} « {name} » : colonne(s) choisie(s) {columns} absente(s) "
                            "du fichier ; colonnes trouvées {found}."),
    "error.missing_columns": ("{file} '{name}': no column for {labels} (required). Found "
                              "columns {found}. Pick the column(s) in the column mapping, or "
                              "check that this file holds {kind} ({description}).",
                              "{file} « {name} » : aucune colonne pour {labels} "
                              "(obligatoire). Colonnes trouvées {found}. Choisissez la ou les "
                              "colonnes dans la correspondance, ou vérifiez que ce fichier "
                              "contient bien des {kind} ({description})."),
    "error.missing_amounts": ("{file} '{name}': no column for {labels} (required). Found "
                              "columns {found}. Pick the column(s) in the column mapping, or "
                              "check that this file holds {kind} ({description}). If the amounts "
                              "live in another file (a payments or order-lines table), add them "
                              "to this one, joined on the order id, then upload it again.",
                              "{file} « {name} » : aucune colonne pour {labels} "
                              "(obligatoire). Colonnes trouvées {found}. Choisissez la ou les "
                              "colonnes dans la correspondance, ou vérifiez que ce fichier "
                              "contient bien des {kind} ({description}). Si les montants sont "
                              "dans un autre fichier (paiements ou lignes de commande), "
                              "ajoutez-les à celui-ci par le numéro de commande, puis importez-le "
                              "à nouveau."),
    "error.one_of": ("{file} '{name}': needs at least one of {group}; found columns {found}. "
                     "Pick one in the mapping.",
                     "{file} « {name} » : il faut au moins une des colonnes {group} ; "
                     "colonnes trouvées {found}. Choisissez-en une dans la correspondance."),
    # ------------------------------------------------------------------ import notes (quality report)
    "detected.encoding": ("encoding", "encodage"),
    "detected.separator": ("separator", "séparateur"),
    "detected.sheet": ("sheet", "feuille"),
    "detected.title_rows": ("title rows skipped", "lignes de titre ignorées"),
    "separator.comma": ("comma (,)", "virgule (,)"),
    "separator.semicolon": ("semicolon (;)", "point-virgule (;)"),
    "separator.tab": ("tab", "tabulation"),
    "separator.pipe": ("pipe (|)", "barre verticale (|)"),
    "date_order.iso": ("year-month-day (ISO)", "année-mois-jour (ISO)"),
    "date_order.dayfirst": ("day/month/year", "jour/mois/année"),
    "date_order.monthfirst": ("month/day/year", "mois/jour/année"),
    "date_order.compact": ("compact ({format})", "compact ({format})"),
    "date_order.native": ("native spreadsheet dates", "dates natives du tableur"),
    "date_order.typed": ("typed dates (Parquet)", "dates typées (Parquet)"),
    "date_order.mixed": ("mixed formats", "formats mélangés"),
    "note.dates": ("dates read as {order}", "dates lues comme {order}"),
    "note.dates_ambiguous": ("dates read as {order} — ambiguous (no day above 12 in the data); "
                             "change the date order in the options if that is wrong",
                             "dates lues comme {order} — ambigu (aucun jour au-dessus de 12 dans "
                             "les données) ; changez l'ordre des dates dans les options si c'est "
                             "faux"),
    "note.column": ("{column}: {note}", "{column} : {note}"),
    "note.decimal_comma": ("decimal comma", "virgule décimale"),
    "note.read_as_not_converted": ("read as not converted: {values}",
                                   "lus comme non convertis : {values}"),
    "note.values_dropped": ("values not understood, their rows are dropped: {values}; map them "
                            "in the value mapping",
                            "valeurs non comprises, leurs lignes sont écartées : {values} ; "
                            "indiquez leur sens dans la correspondance des valeurs"),
    "note.no_direction": ("no direction column: every call taken as {direction}",
                          "pas de colonne de sens : chaque appel est compté comme {direction}"),
    "note.no_outcome": ("no outcome column: answered and missed calls cannot be told apart",
                        "pas de colonne de résultat : appels répondus et manqués ne peuvent pas "
                        "être distingués"),
    "note.no_conversion": ("no conversion column: conversion rates need a converted flag or date",
                           "pas de colonne de conversion : le taux de conversion demande un "
                           "indicateur ou une date de conversion"),
    "direction.inbound": ("inbound", "entrant"),
    "direction.outbound": ("outbound", "sortant"),
    "drop.count": ("{count} {reason}", "{count} {reason}"),
    "drop.no_date": ("rows without a readable date ({column})",
                     "lignes sans date lisible ({column})"),
    "drop.no_datetime": ("rows without a readable date-time ({column})",
                         "lignes sans date et heure lisibles ({column})"),
    "drop.no_number": ("rows without a readable number ({column})",
                       "lignes sans nombre lisible ({column})"),
    "drop.no_value": ("rows with an empty required field ({column})",
                      "lignes dont un champ obligatoire est vide ({column})"),
    "drop.bad_period": ("rows whose period is not a month, quarter or year (use 2026-03, 2026-Q1 "
                        "or 2026)",
                        "lignes dont la période n'est ni un mois, ni un trimestre, ni une année "
                        "(écrivez 2026-03, 2026-Q1 ou 2026)"),
    "drop.ignored_calls": ("calls marked as phantom/ignored", "appels marqués fantômes/ignorés"),
    "drop.unknown_outcome": ("calls whose outcome is not understood",
                             "appels dont le résultat n'est pas compris"),
    "drop.unknown_direction": ("calls whose direction is not understood",
                               "appels dont le sens n'est pas compris"),
    "drop.bad_lines": ("lines with the wrong number of fields (footer or broken line)",
                       "lignes avec un mauvais nombre de champs (pied de page ou ligne cassée)"),
    "report.reason": ("reason", "motif"),
    "report.rows": ("rows", "lignes"),
    "report.first_rows": ("first rows", "premières lignes"),
    "expected.date": ("dates like 2026-11-27, 27/11/2026 or 11/27/2026",
                      "des dates comme 2026-11-27, 27/11/2026 ou 11/27/2026"),
    "expected.datetime": ("date-times like 2026-11-27 14:30 or 27/11/2026 14:30",
                          "des dates et heures comme 2026-11-27 14:30 ou 27/11/2026 14:30"),
    "expected.number": ("numbers like 1234.56, 1 234,56 or 1,234.56",
                        "des nombres comme 1234.56, 1 234,56 ou 1,234.56"),
    "expected.value": ("a value on each row", "une valeur sur chaque ligne"),
    "found.examples": (" (e.g. {examples})", " (par exemple {examples})"),
    "found.empty": (" (it is empty)", " (elle est vide)"),
    # ------------------------------------------------------------------ objectives' checks
    "objective.rate_bounds": ("rates are fractions between 0 and 1 (0.05 = 5 %)",
                              "les taux sont des fractions entre 0 et 1 (0,05 = 5 %)"),
    "objective.nps_bounds": ("NPS lies between -100 and +100", "le NPS est entre -100 et +100"),
    "objective.not_negative": ("it cannot be negative", "il ne peut pas être négatif"),
    "objective.at_most": ("it must be at most {high}, a limit no real figure reaches",
                          "elle doit être d'au plus {high}, une limite qu'aucun chiffre réel "
                          "n'atteint"),
    "objective.growth_bounds": ("growth rates are fractions between -1 and {high} (0.05 = +5 %)",
                                "les croissances sont des fractions entre -1 et {high} "
                                "(0,05 = +5 %)"),
    "objective.row": ("row {row}", "ligne {row}"),
    "objective.rows": ("rows {rows}", "lignes {rows}"),
    "objective.line": ("{file}, line {line}", "{file}, ligne {line}"),
    "objective.line_only": ("line {line}", "ligne {line}"),
    "objective.saved_row": ("saved objective ({period}, {kpi}{group})",
                            "objectif enregistré ({period}, {kpi}{group})"),
    "objective.bad_period": ("{row}: period '{value}' is not a month, quarter or year (write "
                             "2026-03, 2026-Q1 or 2026)",
                             "{row} : la période « {value} » n'est ni un mois, ni un "
                             "trimestre, ni une année (écrivez 2026-03, 2026-Q1 ou 2026)"),
    "objective.unknown_kpi": ("{row}: unknown KPI '{value}'; known KPIs: {known}",
                              "{row} : indicateur « {value} » inconnu ; indicateurs "
                              "connus : {known}"),
    "objective.bad_target": ("{row}: target '{value}' is not a number",
                             "{row} : la cible « {value} » n'est pas un nombre"),
    "objective.out_of_range": ("{row}: {kpi} target {target} is out of range: {why}",
                               "{row} : la cible {target} de {kpi} est hors limites : {why}"),
    "objective.long_group": ("{row}: the group name is longer than {most} characters",
                             "{row} : le nom du groupe dépasse {most} caractères"),
    "objective.twice": ("{rows} set the same objective twice ({kpi}, {period})",
                        "{rows} : deux fois le même objectif ({kpi}, {period})"),
    "objective.more": ("and {count} more", "et {count} de plus"),
    # ------------------------------------------------------------------ the objectives' database
    "store.locked": ("The objectives database ({where}) is busy: another program is writing to "
                     "it. Nothing was lost; try again in a moment.",
                     "La base des objectifs ({where}) est occupée : un autre programme y écrit. "
                     "Rien n'est perdu ; réessayez dans un instant."),
    "store.read_only": ("The objectives database ({where}) is read-only: objectives and "
                        "scenarios can be read but not saved. Ask whoever runs Objectif to "
                        "make the file writable; what you typed stays on this page meanwhile.",
                        "La base des objectifs ({where}) est en lecture seule : objectifs et "
                        "scénarios se lisent mais ne s'enregistrent pas. Demandez à qui "
                        "administre Objectif de rendre le fichier modifiable ; ce que vous avez "
                        "saisi reste sur cette page en attendant."),
    "store.full": ("The objectives database ({where}) could not be written: the disk is full. "
                   "Nothing saved before was lost; free some space, then save again.",
                   "La base des objectifs ({where}) n'a pas pu être écrite : le disque est "
                   "plein. Rien de ce qui était enregistré n'est perdu ; libérez de la place, "
                   "puis enregistrez à nouveau."),
    "store.unreachable": ("The objectives database ({where}) cannot be reached. Objectives and "
                          "scenarios are unavailable until it is back; check OBJECTIF_DB_URL "
                          "and that the database is running, then reload the page.",
                          "La base des objectifs ({where}) est injoignable. Objectifs et "
                          "scénarios sont indisponibles d'ici là ; vérifiez OBJECTIF_DB_URL et "
                          "que la base fonctionne, puis rechargez la page."),
    "store.bad_url": ("OBJECTIF_DB_URL ({where}) is not a database address Objectif can use "
                      "(e.g. sqlite:///objectif.sqlite or postgresql+psycopg://…): objectives "
                      "and scenarios are unavailable.",
                      "OBJECTIF_DB_URL ({where}) n'est pas une adresse de base utilisable "
                      "(par exemple sqlite:///objectif.sqlite ou postgresql+psycopg://…) : "
                      "objectifs et scénarios sont indisponibles."),
    "store.bad_scenario": ("saved scenario '{name}' ({problem})",
                           "scénario enregistré « {name} » ({problem})"),
    # ------------------------------------------------------------------ tables and columns
    "table.orders": ("one row per order or order line: date, customer, amount",
                     "une ligne par commande ou ligne de commande : date, client, montant"),
    "table.leads": ("one row per lead or opportunity: id, created date, source, outcome",
                    "une ligne par lead ou opportunité : identifiant, date de création, source, "
                    "résultat"),
    "table.calls": ("one row per phone call: date-time, rep, direction, outcome",
                    "une ligne par appel : date et heure, commercial, sens, résultat"),
    "table.feedback": ("one row per survey response: date, customer, CSAT and/or NPS and/or "
                       "rating",
                       "une ligne par réponse à une enquête : date, client, CSAT et/ou NPS et/ou "
                       "note"),
    "table.objectives": ("one row per target: period, KPI, target",
                         "une ligne par objectif : période, indicateur, cible"),
    "table.conversions": ("one row per converted lead (closed deal): lead id, won date",
                          "une ligne par lead converti (affaire conclue) : identifiant du lead, "
                          "date de signature"),
    "column.orders.date": ("Order date", "Date de commande"),
    "column.orders.customer_id": ("Customer", "Client"),
    "column.orders.amount": ("Amount", "Montant"),
    "column.orders.order_id": ("Order id", "N° de commande"),
    "column.orders.rep": ("Sales rep", "Commercial"),
    "column.orders.region": ("Region", "Région"),
    "column.orders.segment": ("Segment", "Segment"),
    "column.orders.channel": ("Channel", "Canal"),
    "column.orders.product": ("Product", "Produit"),
    "column.orders.quantity": ("Quantity", "Quantité"),
    "column.leads.lead_id": ("Lead id", "Identifiant du lead"),
    "column.leads.created": ("Created", "Date de création"),
    "column.leads.source": ("Source", "Source"),
    "column.leads.converted": ("Converted", "Converti"),
    "column.leads.converted_date": ("Converted date", "Date de conversion"),
    "column.leads.rep": ("Sales rep", "Commercial"),
    "column.leads.value": ("Value", "Valeur"),
    "column.leads.segment": ("Segment", "Segment"),
    "column.leads.region": ("Region", "Région"),
    "column.leads.customer_id": ("Customer", "Client"),
    "column.calls.timestamp": ("Date-time", "Date et heure"),
    "column.calls.time": ("Time of day", "Heure"),
    "column.calls.rep": ("Rep / agent", "Commercial / agent"),
    "column.calls.direction": ("Direction", "Sens"),
    "column.calls.outcome": ("Outcome", "Résultat"),
    "column.calls.duration": ("Duration (s)", "Durée (s)"),
    "column.calls.customer_id": ("Customer", "Client"),
    "column.feedback.date": ("Date", "Date"),
    "column.feedback.customer_id": ("Customer", "Client"),
    "column.feedback.csat": ("CSAT (1-5)", "CSAT (1-5)"),
    "column.feedback.nps": ("NPS (0-10)", "NPS (0-10)"),
    "column.feedback.rating": ("Rating", "Note"),
    "column.feedback.rep": ("Sales rep", "Commercial"),
    "column.objectives.period": ("Period", "Période"),
    "column.objectives.kpi": ("KPI", "Indicateur"),
    "column.objectives.target": ("Target", "Cible"),
    "column.objectives.group": ("Group", "Groupe"),
    "column.conversions.lead_id": ("Lead id", "Identifiant du lead"),
    "column.conversions.converted_date": ("Won date", "Date de signature"),
    "column.conversions.rep": ("Sales rep", "Commercial"),
    "column.conversions.value": ("Value", "Valeur"),
    "column.conversions.segment": ("Segment", "Segment"),
    "column.conversions.customer_id": ("Customer", "Client"),
    "error.unreadable_column": ("{file} '{name}': column '{column}' mapped to {label} has no "
                                "readable value{found}; expected {expected}. Map another column "
                                "or fix the file.",
                                "{file} « {name} » : la colonne « {column} » choisie pour "
                                "{label} n'a aucune valeur lisible{found} ; attendu : {expected}. "
                                "Choisissez une autre colonne ou corrigez le fichier."),
    "error.bad_dimension": ("cannot break KPIs down by '{by}': use one of {choices}.",
                            "impossible de ventiler les indicateurs par « {by} » : utilisez "
                            "{choices}."),
    "error.no_kpi_tables": ("no KPI can be computed: load an orders file (date, customer, amount) "
                            "or a leads, calls or feedback file.",
                            "aucun indicateur ne peut être calculé : chargez un fichier de "
                            "commandes (date, client, montant) ou un fichier de leads, d'appels "
                            "ou d'avis clients."),
    "error.no_dated_table": ("no dated table loaded: load an orders file first.",
                             "aucune table datée chargée : chargez d'abord un fichier de "
                             "commandes."),
    "error.funnel_needs_leads": ("the funnel needs a leads file: upload one on the Data page.",
                                 "l'entonnoir demande un fichier de leads : chargez-en un sur "
                                 "la page Données."),
    "error.kpi_not_computed": ("'{kpi}' is not computed from the loaded tables.",
                               "« {kpi} » ne se calcule pas avec les tables chargées."),
    "error.no_final_value": ("no final value of '{kpi}' yet: nothing to forecast from.",
                             "pas encore de valeur définitive de « {kpi} » : rien sur quoi "
                             "fonder une prévision."),
    "error.bad_freq": ("unknown period '{freq}': use 'W' (week), 'M' (month), 'Q' (quarter) or "
                       "'Y' (year).",
                       "période « {freq} » inconnue : utilisez 'W' (semaine), 'M' (mois), 'Q' "
                       "(trimestre) ou 'Y' (année)."),
    "error.bad_horizon": ("the horizon must be at least one period (got {horizon}).",
                          "l'horizon doit compter au moins une période (reçu : {horizon})."),
    "error.not_dated_series": ("the series needs a date index (a DatetimeIndex).",
                               "la série doit être indexée par des dates (DatetimeIndex)."),
    "error.too_short_to_forecast": ("at least two observed periods are needed to forecast.",
                                    "il faut au moins deux périodes observées pour prévoir."),
    "error.irregular_series": ("the series must have a regular date index (monthly, weekly, "
                               "quarterly or yearly) with no missing period.",
                               "la série doit avoir des dates régulières (mensuelles, "
                               "hebdomadaires, trimestrielles ou annuelles) sans période "
                               "manquante."),
    "error.unknown_kind": ("unknown table kind '{kind}'; expected one of {kinds}.",
                           "type de table « {kind} » inconnu ; attendu : {kinds}."),
    "error.kpis_not_by": ("the KPIs are not broken down by {by}.",
                          "les indicateurs ne sont pas ventilés par {by}."),
    "error.no_group_history": ("no {by} has {periods} final periods of '{kpi}' to forecast.",
                               "aucun {by} n'a {periods} périodes définitives de « {kpi} » à "
                               "prévoir."),
    "error.group_misaligned": ("{by} '{group}': its periods do not line up with the total's.",
                               "{by} « {group} » : ses périodes ne correspondent pas à celles "
                               "du total."),
    "error.scoring_needs_leads": ("lead scoring needs a leads file (lead id, created date, "
                                  "source, converted date): load one on the Data page.",
                                  "le classement des leads demande un fichier de leads "
                                  "(identifiant, date de création, source, date de conversion) "
                                  ": chargez-en un sur la page Données."),
    "error.scoring_needs_conversion_dates": (
        "lead scoring needs the date each lead converted (a 'converted date' or 'won date' "
        "column, or a closed-deals file): without it the past cannot be replayed to learn from.",
        "le classement des leads demande la date de conversion de chaque lead (une colonne "
        "« date de conversion » ou « date de signature », ou un fichier d'affaires conclues) : "
        "sans elle, le passé ne peut pas être rejoué pour apprendre."),
    "error.no_lead_before": ("no lead created before {day}: nothing to score.",
                             "aucun lead créé avant le {day} : rien à classer."),
    "error.leads_history_too_short": ("lead scoring needs conversions recorded over at least "
                                      "C = {window} days before {day} to learn from; load a "
                                      "longer history or lower the conversion window.",
                                      "le classement des leads demande des conversions "
                                      "enregistrées sur au moins C = {window} jours avant le "
                                      "{day} ; chargez un historique plus long ou réduisez la "
                                      "fenêtre de conversion."),
    "error.cannot_learn_leads": ("cannot learn which leads convert from this history: {detail}. "
                                 "Lead scoring needs past leads that converted and leads that "
                                 "did not.",
                                 "impossible d'apprendre quels leads se convertissent avec cet "
                                 "historique : {detail}. Il faut des leads passés convertis et "
                                 "d'autres non convertis."),
    "error.no_open_lead": ("no lead is open on {day}: every lead has converted.",
                           "aucun lead ouvert au {day} : tous se sont convertis."),
    "error.too_few_examples": ("only {positive} positive and {negative} negative example(s) in "
                               "the history: too few to learn from",
                               "seulement {positive} exemple(s) positif(s) et {negative} "
                               "négatif(s) dans l'historique : trop peu pour apprendre"),
    "error.risk_needs_orders": ("churn risk needs an orders file (date, customer, amount): load "
                                "one on the Data page.",
                                "le risque d'attrition demande un fichier de commandes (date, "
                                "client, montant) : chargez-en un sur la page Données."),
    "error.no_order_before": ("no order with a positive amount before {day}: nothing to score.",
                              "aucune commande d'un montant positif avant le {day} : rien à "
                              "évaluer."),
    "error.risk_history_too_short": ("churn risk needs at least {need} days of order history "
                                     "before {day} (W = {window} days to learn from and W days "
                                     "to see who came back); found {span}. Load a longer "
                                     "history or lower the churn window.",
                                     "le risque d'attrition demande au moins {need} jours "
                                     "d'historique de commandes avant le {day} (W = {window} "
                                     "jours pour apprendre et W jours pour voir qui revient) ; "
                                     "trouvé : {span}. Chargez un historique plus long ou "
                                     "réduisez la fenêtre d'attrition."),
    "error.one_customer": ("churn risk needs orders from several customers; found one.",
                           "le risque d'attrition demande les commandes de plusieurs clients ; "
                           "un seul trouvé."),
    "error.cannot_learn_lapses": ("cannot learn who lapses from this history: {detail}. Churn "
                                  "risk needs customers who came back within the churn window "
                                  "and customers who did not; try a longer history or another "
                                  "churn window.",
                                  "impossible d'apprendre qui s'en va avec cet historique : "
                                  "{detail}. Il faut des clients revenus dans la fenêtre "
                                  "d'attrition et d'autres non ; essayez un historique plus "
                                  "long ou une autre fenêtre."),
    "error.no_active_customer": ("no customer had ordered in the {window} days before {day}: "
                                 "nothing to check the risk ranking on.",
                                 "aucun client n'avait commandé dans les {window} jours avant le "
                                 "{day} : rien pour vérifier le classement des risques."),
    "error.whatif_needs_orders": ("What-if needs the orders table: load it on the Data page.",
                                  "Les simulations demandent la table des commandes : chargez-la "
                                  "sur la page Données."),
    "error.whatif_history_too_short": ("What-if needs at least {months} complete months of "
                                       "'{series}'; the data has {found}. Load a longer "
                                       "history.",
                                       "Les simulations demandent au moins {months} mois "
                                       "complets de « {series} » ; les données en ont {found}. "
                                       "Chargez un historique plus long."),
    "error.no_repeat_buyers": ("BG/NBD needs customers with repeat purchases; found none.",
                               "BG/NBD demande des clients ayant racheté ; aucun trouvé."),
    "error.too_many_objectives": ("objectives: {rows} rows, more than the {limit} Objectif "
                                  "checks at once: one row per KPI, period and group is enough; "
                                  "split the file by year.",
                                  "objectifs : {rows} lignes, plus que les {limit} qu'Objectif "
                                  "vérifie en une fois : une ligne par indicateur, période et "
                                  "groupe suffit ; découpez le fichier par année."),
    "error.objectives_columns": ("objectives: missing column(s) {missing}; found {found}.",
                                 "objectifs : colonne(s) manquante(s) {missing} ; trouvées "
                                 "{found}."),
    "error.objectives_not_saved": ("objectives not saved: {problems}. Nothing already saved was "
                                   "changed.",
                                   "objectifs non enregistrés : {problems}. Rien de ce qui était "
                                   "déjà enregistré n'a changé."),
    # ------------------------------------------------------------------ risk reasons, accuracy
    "reason.once": ("bought once, {days} days ago", "un seul achat, il y a {days} jours"),
    "reason.overdue": ("no order for {days} days; usually orders every {gap} days",
                       "aucune commande depuis {days} jours ; commande d'habitude tous les "
                       "{gap} jours"),
    "reason.slowing": ("ordering less: {recent} orders in the last 6 months, {before} in the 6 "
                       "before",
                       "commande moins : {recent} commandes sur les 6 derniers mois, {before} "
                       "sur les 6 précédents"),
    "reason.rare": ("orders rarely: every {gap} days on average",
                    "commande rarement : tous les {gap} jours en moyenne"),
    "reason.new": ("new customer: first order {days} days ago",
                   "nouveau client : première commande il y a {days} jours"),
    "reason.rhythm": ("ordering on rhythm: every {gap} days, last {days} days ago",
                      "commande à son rythme : tous les {gap} jours, dernière il y a {days} "
                      "jours"),
    "risk.lift": ("Of the {n_top} active customers we flagged as most at risk on {day}, {hits} "
                  "did not come back within {window} days; {random} of a random {n_top} would "
                  "not have. We expected {expected} of the {n} to lapse; {actual} did.",
                  "Sur les {n_top} clients actifs signalés comme les plus à risque le {day}, "
                  "{hits} ne sont pas revenus sous {window} jours ; {random} sur {n_top} pris "
                  "au hasard ne seraient pas revenus. Nous attendions {expected} départs sur "
                  "{n} ; il y en a eu {actual}."),
    "leads.lift": ("Of the {n_top} open leads we ranked most likely to convert on {day}, {hits} "
                   "converted within {window} days; {random} of a random {n_top} would have. We "
                   "expected {expected} of the {n} open leads to convert; {actual} did.",
                   "Sur les {n_top} leads ouverts classés les plus susceptibles de se convertir "
                   "le {day}, {hits} se sont convertis sous {window} jours ; {random} sur "
                   "{n_top} pris au hasard l'auraient fait. Nous attendions {expected} "
                   "conversions sur {n} leads ouverts ; il y en a eu {actual}."),
    # Engines (models/engines): databases, warehouses and large files computing the KPIs.
    "error.engine_kinds": ("engines compute orders and leads only; got {kinds}. Load calls and "
                           "feedback as files.",
                           "les moteurs ne calculent que les commandes et les leads ; reçu "
                           "{kinds}. Chargez les appels et les avis comme fichiers."),
    "error.engine_bad_url": ("the database URL cannot be read; expected e.g. "
                             "postgresql://user@host:5432/database or duckdb:///path/file.duckdb.",
                             "l'URL de la base est illisible ; attendu par exemple "
                             "postgresql://utilisateur@hote:5432/base ou "
                             "duckdb:///chemin/fichier.duckdb."),
    "error.engine_driver": ("{url}: install the engine's driver first: pip install '{package}'.",
                            "{url} : installez d'abord le pilote du moteur : pip install "
                            "'{package}'."),
    "error.engine_unknown": ("{url}: unknown engine '{scheme}'; use duckdb, postgresql or one of "
                             "{choices}.",
                             "{url} : moteur « {scheme} » inconnu ; utilisez duckdb, postgresql "
                             "ou l'un de {choices}."),
    "error.engine_no_file": ("{where}: no file at {path}; check the path.",
                             "{where} : aucun fichier à {path} ; vérifiez le chemin."),
    "error.engine_credentials": ("{url}: the server refused the credentials of user '{user}'. "
                                 "Check the user in the URL and the password in {env} or in the "
                                 "app's secrets.",
                                 "{url} : le serveur a refusé les identifiants de l'utilisateur "
                                 "« {user} ». Vérifiez l'utilisateur dans l'URL et le mot de "
                                 "passe dans {env} ou dans les secrets de l'application."),
    "error.engine_no_database": ("{url}: no such database on the server; check the database name "
                                 "at the end of the URL.",
                                 "{url} : cette base n'existe pas sur le serveur ; vérifiez son "
                                 "nom à la fin de l'URL."),
    "error.engine_unreachable": ("{url}: the server does not answer ({detail}). Check the host and "
                                 "port, and that the server accepts connections.",
                                 "{url} : le serveur ne répond pas ({detail}). Vérifiez l'hôte "
                                 "et le port, et que le serveur accepte les connexions."),
    "error.engine_timeout": ("{where}: the query ran longer than the timeout set for it and was "
                             "cancelled. Narrow the query, index the date column, or raise the "
                             "timeout.",
                             "{where} : la requête a dépassé le délai qui lui est accordé et a été "
                             "annulée. Restreignez-la, indexez la colonne de date ou allongez le "
                             "délai."),
    "error.engine_read_only": ("{where}: Objectif only reads; the query tried to write ({detail}). "
                               "Give a SELECT query.",
                               "{where} : Objectif ne fait que lire ; la requête a tenté "
                               "d'écrire ({detail}). Donnez une requête SELECT."),
    "error.engine_privilege": ("{where}: the role may not read this ({detail}). Grant it SELECT "
                               "on the table.",
                               "{where} : le rôle n'a pas le droit de lire ceci ({detail}). "
                               "Accordez-lui SELECT sur la table."),
    "error.engine_no_table": ("{where}: table not found ({detail}). Check the table name and the "
                              "schema.",
                              "{where} : table introuvable ({detail}). Vérifiez le nom de la "
                              "table et le schéma."),
    "error.engine_no_column": ("{where}: column not found ({detail}). Check the column mapping.",
                               "{where} : colonne introuvable ({detail}). Vérifiez la "
                               "correspondance des colonnes."),
    "error.engine_connection": ("{where}: the database connection failed ({detail}). Check that "
                                "the server is running and reachable.",
                                "{where} : la connexion à la base a échoué ({detail}). Vérifiez "
                                "que le serveur tourne et qu'il est joignable."),
    "error.engine_unresolved": ("{where}: the engine cannot resolve the query ({detail}). Check "
                                "the table and column names.",
                                "{where} : le moteur ne peut pas résoudre la requête ({detail}). "
                                "Vérifiez les noms de table et de colonnes."),
    "error.engine_unreadable_file": ("{where}: the file cannot be read ({detail}). Check the path.",
                                     "{where} : le fichier est illisible ({detail}). Vérifiez le "
                                     "chemin."),
    "error.engine_bad_sql": ("the query cannot be read as SQL ({detail}).",
                             "la requête n'est pas du SQL lisible ({detail})."),
    "error.engine_one_statement": ("give one SELECT query; found {n} statements.",
                                   "donnez une seule requête SELECT ; {n} instructions trouvées."),
    "error.engine_not_select": ("only a SELECT query can be read; found {found}.",
                                "seule une requête SELECT peut être lue ; trouvé {found}."),
    "error.engine_table_or_query": ("{kind}: give a table name or a query (one of them).",
                                    "{kind} : donnez un nom de table ou une requête (l'un des "
                                    "deux)."),
    "error.engine_file_format": ("{kind}: {name} is neither Parquet nor CSV.",
                                 "{kind} : {name} n'est ni un fichier Parquet ni un CSV."),
    "error.engine_not_columns": ("{where}: {names} are not {kind} columns; expected some of "
                                 "{expected}.",
                                 "{where} : {names} ne sont pas des colonnes de {kind} ; "
                                 "attendu parmi {expected}."),
    "error.engine_mapped_missing": ("{where}: mapped column(s) {names} not found; found {found}.",
                                    "{where} : colonne(s) associée(s) {names} introuvable(s) ; "
                                    "trouvé {found}."),
    "error.engine_missing_columns": ("{where}: missing column(s) {names}; found {found}. Map them "
                                     "to columns of the source.",
                                     "{where} : colonne(s) manquante(s) {names} ; trouvé "
                                     "{found}. Associez-les à des colonnes de la source."),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, *, escape: Escape | None = None,
      **values: object) -> str:
    """The text of ``key`` in ``lang`` (English if ``lang`` is unknown), with ``values`` filled.

    A value that can say itself in a language (a :class:`Phrase`, a :class:`Joined`, a coded
    ``DataError``) is said in ``lang``. With ``escape`` (e.g. ``models.core.markup.escape_markdown``)
    every value from outside the catalogue is escaped, down to those inside such phrases; the
    catalogue's own text is not. Raises ``KeyError`` for a key missing from the catalogue: a
    bug, caught by the tests.
    """
    english, french = TEXTS[key]
    text = french if lang == "fr" else english
    if not values:
        return text
    return text.format(**{name: in_language(value, lang, escape)
                          for name, value in values.items()})


def in_language(value: object, lang: str, escape: Escape | None = None) -> object:
    """``value`` said in ``lang`` when it knows how (``.text(lang)``; dates in the locale's
    format; a list of names or values quoted as the language quotes: ``'a', 'b'`` and
    ``« a », « b »`` rather than Python's ``['a', 'b']``), else as it is.

    With ``escape``, the text that comes from outside the catalogue goes through it: the
    value itself, or what a phrase says of its own values (``.text(lang, escape)``). Numbers
    are left as they are: they carry no markup.
    """
    if isinstance(value, list):
        quote = "« {} »" if lang == "fr" else "'{}'"
        return ", ".join(quote.format(in_language(item, lang, escape)) for item in value)
    if isinstance(value, dt.date):  # a pandas Timestamp is one too
        from models.core.formatting import format_day  # formatting imports this module

        value = format_day(value, lang)
    said = getattr(value, "text", None)
    if callable(said):
        return said(lang, escape) if escape else said(lang)
    if escape is None or isinstance(value, numbers.Number):
        return value
    return escape(value)


class Phrase(str):
    """A catalogue text that the engine hands to the UI: it *is* its English text (so it
    compares, hashes and prints as before) and ``.text(lang)`` says it in any language.

    >>> note = Phrase("note.no_outcome")
    >>> note == t("note.no_outcome", "en"), note.text("fr") == t("note.no_outcome", "fr")
    (True, True)
    """

    code: str
    params: dict[str, object]

    def __new__(cls, code: str, **params: object) -> "Phrase":
        phrase = super().__new__(cls, t(code, DEFAULT_LANGUAGE, **params))
        phrase.code, phrase.params = code, params
        return phrase

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.code,), self.params  # pickles (Streamlit's caches) rebuild from the key

    def text(self, lang: str, escape: Escape | None = None) -> str:
        return t(self.code, lang, escape=escape, **self.params)


def placeholders(text: str) -> set[str]:
    """The ``{field}`` names of a catalogue text."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def resolve_language(requested: str | None, browser_locale: str | None) -> str:
    """The language to show: the URL's ``?lang=`` if valid, else the browser's, else English.

    ``browser_locale`` is a tag such as ``fr-FR`` or ``en-GB``.
    """
    if requested in LANGUAGES:
        return requested
    primary = (browser_locale or "").split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Joined:
    """Several texts said together in one language: ``Joined((label_a, label_b))`` reads
    "Order date, Amount" in English and "Date de commande, Montant" in French (in lower case
    with ``lower=True``, for the middle of a sentence)."""

    items: tuple[object, ...]
    separator: str = ","  # or ";", spaced as the language wants (" ; " in French)
    lower: bool = False

    def text(self, lang: str, escape: Escape | None = None) -> str:
        space = " " if lang == "fr" and self.separator in ";:!?" else ""
        said = f"{space}{self.separator} ".join(str(in_language(item, lang, escape))
                                                 for item in self.items)
        return said.lower() if self.lower else said

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)
