"""Every text the app shows, in English and French, from one catalogue.

``t("dashboard.title", "fr")`` -> ``"Tableau de bord"``; placeholders are ``str.format`` fields
and both languages must use the same ones (a test checks). KPI names and definitions live in
``models.kpi_catalogue``; this module holds the rest of the interface.
"""

from __future__ import annotations

import string

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_US", "fr": "fr_FR"}  # Babel locales for numbers and dates

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ navigation, sidebar
    "page.dashboard": ("Dashboard", "Tableau de bord"),
    "page.forecast": ("Forecast", "Prévisions"),
    "page.whatif": ("What-if", "Simulations"),
    "page.objectives": ("Objectives", "Objectifs"),
    "page.data": ("Data", "Données"),
    "page.overview": ("Overview", "Aperçu"),
    "sidebar.language": ("Language", "Langue"),
    "sidebar.demo": ("Showing the demo company (Papeterie Martin). Load your own files on the "
                     "**Data** page.",
                     "Vous voyez l'entreprise de démonstration (Papeterie Martin). Chargez vos "
                     "propres fichiers sur la page **Données**."),
    "sidebar.own": ("Showing your data: {kinds}.", "Vos données : {kinds}."),
    "sidebar.none_yet": ("none yet", "aucune pour l'instant"),
    "sidebar.back_to_demo": ("Back to the demo company", "Revenir à l'entreprise de démonstration"),
    "common.go_to_data": ("Go to Data", "Aller aux Données"),
    "common.none": ("—", "—"),
    "kind.orders": ("orders", "commandes"),
    "kind.leads": ("leads", "leads"),
    "kind.calls": ("calls", "appels"),
    "kind.feedback": ("feedback", "avis clients"),
    "kind.objectives": ("objectives", "objectifs"),
    "kind.conversions": ("closed deals", "affaires conclues"),
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
    "model.combination_seasonal": ("Median of 6", "Médiane de 6"),  # the help says "seasonal"
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
    "whatif.unreachable": ("- {driver}: out of reach ({note})", "- {driver} : hors d'atteinte ({note})"),
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
                        "fractions: 0.05 = 5 %. Saved in {where}; they survive a restart.",
                        "Une ligne par objectif : une période (`2026-03`, `2026-Q1` ou `2026`), "
                        "un indicateur, un groupe facultatif (un commercial, une région…) et la "
                        "cible. Les taux sont des fractions : 0,05 = 5 %. Enregistrés dans "
                        "{where} ; ils survivent à un redémarrage."),
    "objectives.local_db": ("a local SQLite file", "un fichier SQLite local"),
    "objectives.team_db": ("the database of OBJECTIF_DB_URL", "la base de OBJECTIF_DB_URL"),
    "objectives.col.period": ("Period", "Période"),
    "objectives.col.kpi": ("KPI", "Indicateur"),
    "objectives.col.kpi_help": ("See the KPI definitions in docs/KPIS.md",
                                "Voir les définitions dans docs/KPIS.md"),
    "objectives.col.group": ("Group (optional)", "Groupe (facultatif)"),
    "objectives.col.target": ("Target", "Cible"),
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
    "data.file": ("{kind} file", "Fichier {kind}"),
    "data.one_row_per": ("One row per {what}.", "Une ligne par {what}."),
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
    "error.binary_file": ("'{name}' is not a text table (it holds binary data): upload a CSV or "
                          "an Excel file.",
                          "« {name} » n'est pas une table texte (il contient des données "
                          "binaires) : importez un fichier CSV ou Excel."),
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
    "error.bad_workbook": ("'{name}' could not be opened as an Excel workbook ({detail}); open it "
                           "in Excel and save it again as .xlsx or CSV.",
                           "« {name} » n'a pas pu être ouvert comme classeur Excel ({detail}) ; "
                           "ouvrez-le dans Excel et enregistrez-le à nouveau en .xlsx ou CSV."),
    "error.no_sheet": ("'{name}' has no sheet {sheet}; its sheets are {sheets}.",
                       "« {name} » n'a pas de feuille {sheet} ; ses feuilles sont {sheets}."),
    "error.empty_sheet": ("'{name}', sheet {sheet} is empty: pick the sheet that holds the table "
                          "(sheets: {sheets}).",
                          "« {name} », la feuille {sheet} est vide : choisissez la feuille qui "
                          "contient la table (feuilles : {sheets})."),
    "error.no_usable_row": ("{kind} file '{name}': no usable row ({reasons}). Check the column "
                            "mapping and the date and number options.",
                            "fichier {kind} « {name} » : aucune ligne utilisable ({reasons}). "
                            "Vérifiez la correspondance des colonnes et les options de dates et "
                            "de nombres."),
    "error.mapped_absent": ("{kind} file '{name}': mapped column(s) {columns} not in the file; "
                            "found {found}.",
                            "fichier {kind} « {name} » : colonne(s) choisie(s) {columns} absente(s) "
                            "du fichier ; colonnes trouvées {found}."),
    "error.missing_columns": ("{kind} file '{name}': no column for {labels} (required). Found "
                              "columns {found}. Pick the column(s) in the column mapping, or "
                              "check that this file holds {kind} ({description}).",
                              "fichier {kind} « {name} » : aucune colonne pour {labels} "
                              "(obligatoire). Colonnes trouvées {found}. Choisissez la ou les "
                              "colonnes dans la correspondance, ou vérifiez que ce fichier "
                              "contient bien des {kind} ({description})."),
    "error.missing_amounts": ("{kind} file '{name}': no column for {labels} (required). Found "
                              "columns {found}. Pick the column(s) in the column mapping, or "
                              "check that this file holds {kind} ({description}). If the amounts "
                              "live in another file (a payments or order-lines table), add them "
                              "to this one, joined on the order id, then upload it again.",
                              "fichier {kind} « {name} » : aucune colonne pour {labels} "
                              "(obligatoire). Colonnes trouvées {found}. Choisissez la ou les "
                              "colonnes dans la correspondance, ou vérifiez que ce fichier "
                              "contient bien des {kind} ({description}). Si les montants sont "
                              "dans un autre fichier (paiements ou lignes de commande), "
                              "ajoutez-les à celui-ci par le numéro de commande, puis importez-le "
                              "à nouveau."),
    "error.one_of": ("{kind} file '{name}': needs at least one of {group}; found columns {found}. "
                     "Pick one in the mapping.",
                     "fichier {kind} « {name} » : il faut au moins une des colonnes {group} ; "
                     "colonnes trouvées {found}. Choisissez-en une dans la correspondance."),
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
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English if ``lang`` is unknown), with ``values`` filled.

    Raises ``KeyError`` for a key missing from the catalogue: a bug, caught by the tests.
    """
    english, french = TEXTS[key]
    text = french if lang == "fr" else english
    return text.format(**values) if values else text


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
