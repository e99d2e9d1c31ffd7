"""`claims` rules on real text: weasel attributions in their inflections and
word orders, unsupported figures, superlatives and predictions; an attributed
sentence never gets a claims finding; real news does not drown in findings;
the targets on the hand-labeled dev set hold."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

import pytest
from conftest import ROOT, SHARED, needs_shared

from artlint import attribution
from artlint.api import Linter
from artlint.config import Config
from artlint.document import Document
from artlint.segment import words

LINTER = Linter.from_config(Config(select=("claims",)))
WEASEL = {
    "claims.weasel-attribution",
    "claims.weasel-passive",
    "claims.hearsay-conditional",
    "claims.vague-source",
}
UNSUPPORTED = {"claims.unsourced-statistic", "claims.puffery", "claims.unsupported-prediction"}
# Attributions appended to a claim; the second keeps the claim's own words untouched.
ATTRIBUTION = {
    "en": ", according to a report that Reuters published on Monday.",
    "fr": ", selon un rapport de l'Insee publié lundi.",
}


def claims_rules(text: str, language: str) -> set[str]:
    return {f.rule for f in LINTER.lint_text(text, lang=language).findings if f.category == "claims"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Many analysts now believe the merger will be blocked."),
        ("en", "Critics have long argued that the tariffs hurt farmers."),
        ("en", "The tariffs hurt farmers, argued critics."),
        ("en", "The base is vital to preventing weapons trafficking, Middle East observers say."),
        ("en", "Studies show that fasting may trigger episodes of binge eating."),
        ("en", "Some research suggests that fibre could cut cravings."),
        ("en", "There have been reports of tensions inside the team."),
        ("en", "The band was long considered one of the Hall of Fame's great slights."),
        ("en", "Corbyn is accused by critics of promoting high-tax policies."),
        ("fr", "D'après plusieurs sources, le ministre prépare sa démission."),
        ("fr", "Selon de nombreux observateurs, la réforme est un échec."),
        ("fr", "Certaines estiment que la réforme va trop loin."),
        ("fr", "D'aucuns pensent que le projet est mort-né."),
        ("fr", "On raconte que le ministre va démissionner."),
        ("fr", "Des rumeurs font état d'un rachat imminent."),
        ("fr", "Les études montrent que le télétravail augmente la productivité."),
    ],
)
def test_weasel_inflections_and_word_order(language: str, text: str) -> None:
    assert claims_rules(text, language) & WEASEL, text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "More than 40 percent of households have some credit card debt."),
        ("en", "Pacific Gas & Electric was set to shut off power to some 375,000 people in 18 counties."),
        ("en", "The company launched a revolutionary product last year."),
        ("en", "This alliance will undoubtedly reshape the industry."),
        ("en", "At least 14 people were killed when the roof of the market collapsed."),
        ("fr", "L'attaque a fait 14 morts, dont les cinq assaillants."),
        ("fr", "Près de 40 % des ménages ont un crédit à la consommation."),
        ("fr", "Cette technologie offre une qualité d'image sans précédent."),
        ("fr", "Cette alliance va révolutionner la création numérique."),
        # a superlative after a copula carries the claim (BBC business, tech)
        (
            "en",
            "The firm, formerly Interbrew, became the world's biggest brewer by volume when it bought "
            "Ambev in August 2004.",
        ),
        ("en", "It is one of the finest set-pieces ever seen in a video game."),
        # people counted, not a body's own size (BBC tech)
        ("en", "That represents about 4.4 million households."),
    ],
)
def test_unsupported_claims(language: str, text: str) -> None:
    assert claims_rules(text, language) & UNSUPPORTED, text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # routine data (CLAIMS-GUIDE.md): market moves, a company's results and own facts
        ("en", "Southcorp's shares rose 12% to A$4.76 on news of the offer."),
        ("en", "Net profit came in at 1.4bn euros, a dramatic change from the loss of 364m euros in 2003."),
        ("fr", "L'entreprise a versé 14,8 milliards de dollars à la start-up."),
        ("en", "Reuters reported on Monday that the deal had been signed."),
        ("en", "The plan will fail, Senator Jane Smith said, adding that some analysts agree."),
        ("en", "Midjourney has 20 million users, the company said on Monday."),
        ("en", "“This is an unprecedented moment for the industry,” said Brent Sherwood of Blue Origin."),
        ("en", "The AirPods dropped to $139 this week."),
        ("en", "Iran's Revolutionary Guard seized the tanker on Friday."),
        ("en", "These are some of the best deals we have ever seen."),
        ("fr", "Selon Mark Zuckerberg, l'IA touchera chacun de nos produits."),
        ("fr", "Selon des chercheurs de l'Inserm, le risque est faible."),
        ("fr", "« Certains estiment que la réforme va trop loin », a reconnu la ministre."),
        ("fr", "Son tweet n'aurait pas eu un tel impact si l'information avait été vérifiée."),
        # a body's own size is routine data (Reuters-21578, BBC tech)
        ("en", "Cyclops employs about 8,900 people in Pennsylvania, Ohio and other states."),
        ("en", "The organisation had a staff of about 60 people and a budget of about $80m (£44.54m)."),
        # a superlative as an epithet, before a name or inside a noun phrase (BBC business, tech)
        (
            "en",
            "The deal gives Inbev, the world's biggest beermaker, near-total control over the Russian brewer.",
        ),
        (
            "en",
            "Cebit, the world's largest hi-tech fair, has opened its doors in Hanover for a look at the "
            "latest technologies.",
        ),
        ("en", "He conducted some of the best orchestras in the world including the Berlin Philharmonic."),
        # "pour certain(e)s" before a noun names no source (Wikinews; "Pour certains, ..." does)
        (
            "fr",
            "Miguel Nerva a conçu ce code avec des formes universelles pour que ce code ne soit ni "
            "stigmatisant pour les daltoniens, ni offensant pour certaines cultures.",
        ),
    ],
)
def test_no_claims_finding(language: str, text: str) -> None:
    assert not claims_rules(text, language), text


def test_an_attributed_sentence_gets_no_claims_finding() -> None:
    """Every bad example of every claims rule, once its sentence names a source."""
    checked = 0
    for rule in LINTER.ruleset.rules:
        if rule.category != "claims":
            continue
        for example in rule.examples:
            if not example.bad or example.language not in ATTRIBUTION:
                continue
            text = example.text.rstrip().rstrip(".") + ATTRIBUTION[example.language]
            assert not claims_rules(text, example.language), (rule.id, text)
            checked += 1
    assert checked >= 25


@needs_shared
def test_seed_sentences_in_context() -> None:
    """The seeds' claims: the user base figure of 002 line 8 is found, and the
    quoted, attributed statements of 001 line 9 and 002 line 12 are not flagged."""
    seeds = SHARED / "seeds"
    result = next(LINTER.lint_paths([str(seeds / "002_fb5a591701a25ef8.txt")]))
    on_line = defaultdict(set)
    for finding in result.findings:
        on_line[finding.line].add(finding.rule)
    assert "claims.unsourced-statistic" in on_line[8]
    assert "claims.weasel-attribution" in on_line[16] and "claims.weasel-attribution" in on_line[28]
    result = next(LINTER.lint_paths([str(seeds / "001_26ea75ed01c9747a.txt")]))
    assert not [f for f in result.findings if f.line == 9 and f.category == "claims"]


@pytest.mark.parametrize(
    "text",
    [
        "Experten warnen vor einer weiteren Zunahme der Angriffe auf Flüchtlingsquartiere.",
        "Berichten zufolge beliefen sich die Kosten bis April auf 80 Millionen US-Dollar.",
        "Konkrete Planungen gebe es derzeit aber noch nicht, hieß es.",
        "Ein 31-jähriger Polizist soll einer 42-Jährigen den Knöchel gebrochen haben.",
        "Raqqa gilt als Hauptstadt des Islamischen Staats in Syrien.",
        "In den nächsten Stunden dürften aber auch in Bad Radkersburg wieder Flüchtlinge ankommen.",
        # "wie es heißt", "Es hieß, ...": "heißt es" in the other word order (Der Standard)
        "Am Wochenende hat er den Oman wieder Richtung München verlassen, Routinechecks, wie es heißt.",
        "Es hieß, eine Senkung der Lohnnebenkosten sei ab 2018 unter Umständen möglich.",
        # "dem Vernehmen nach" is "reportedly"; unnamed media (Der Standard)
        "Dem Vernehmen nach wirft die JG in diesem Text Niessl parteischädigendes Verhalten vor.",
        "Dies ergebe sich aus einem neuen sensationellen Fund auf dem Quirinal-Hügel, wie italienische "
        "Medien berichten.",
        "Längst haben die Kabinette einen Nichtangriffspakt geschlossen, wie ein Insider berichtet.",
        # "laut" + a group noun, the clause's subject after the verb is no name (Der Standard)
        "Laut Experten ging AlphaGo die dritte Partie als Nachziehender zu Beginn aggressiv an.",
        "Laut Berichten dürfte Apple einen Fokus auf exklusive Inhalte legen.",
        # circles stand for anonymous sources (Der Standard)
        "Die Ermittlungen gegen den Banker könnten noch eineinhalb Jahre dauern, heißt es in Sofioter "
        "Justizkreisen.",
        "Aden dient seit Monaten als Übergangshauptstadt, hieß es aus Präsidentschaftskreisen.",
        # a view or a plan closing the sentence names no one: twins of ", so die Polizei." below
        "Die Preise dürften im Herbst sinken, so die Hoffnung.",
        "Die Preise dürften im Herbst sinken, so die Erwartung.",
        "Die Preise dürften im Herbst sinken, so der Plan.",
    ],
)
def test_german_weasels(text: str) -> None:
    assert "claims.vague-source" in claims_rules(text, "de"), text


def test_a_german_closing_frame_counts_its_nouns() -> None:
    """A speaker after the verb owns the sentence only from a short frame; German nouns are
    capitalised, so a capital does not exempt a word from the count as it does an English name
    (review 13 B5: no Der Standard sentence changed).  A frame opened by "wie" whose verb ends
    the sentence is a frame however long."""
    clause = (
        "Experten warnen vor einer Zunahme der Angriffe, seit Innenministerin Johanna Mikl-Leitner "
        "die Zahlen bestätigte."
    )
    assert "claims.vague-source" in claims_rules(clause, "de")
    for framed in (
        "Experten warnen vor einer Zunahme der Angriffe, wie Polizeisprecher Thomas Keiblinger am "
        "Montag bei einer Pressekonferenz in Wien sagte.",
        "Experten warnen vor einer Zunahme der Angriffe, sagte Polizeisprecher Thomas Keiblinger.",
    ):
        assert not claims_rules(framed, "de"), framed


@pytest.mark.parametrize(
    "text",
    [
        "Dem Staatsanwalt zufolge ist er als 29-jähriger Franzose identifiziert worden.",
        "Das sei auf absehbare Zeit nicht realisierbar, hieß es aus dem Ministerium.",
        "Die Zahl der Toten sei gestiegen, sagte Polizeisprecher Thomas Keiblinger.",
        "Der Markt wächst, sagte ein Sprecher des Unternehmens am Montag.",
        # twins: the group of a named body; the circles of a named organisation
        "Laut Experten der Nationalbank ging die Inflation im März zurück.",
        # the closing frame ", so die Polizei" names the forecaster (Der Standard); alone, the
        # "dürften" of the same sentence is an expectation with no forecaster
        "In den nächsten Stunden dürften aber auch in Bad Radkersburg wieder Flüchtlinge ankommen, so "
        "die Polizei.",
        "Die Preise dürften im Herbst sinken, so die Polizei.",
        # twin: a named paper
        "Dies ergebe sich aus einem neuen sensationellen Fund auf dem Quirinal-Hügel, wie die "
        "Zeitung La Repubblica berichtet.",
        "Sarin sei verwendet worden, verlautete am Donnerstag aus Kreisen der Organisation für das "
        "Verbot von Chemiewaffen.",
    ],
)
def test_german_attributed_sentences_get_no_finding(text: str) -> None:
    assert not claims_rules(text, "de"), text


def _body_density(folder: str, language: str, known: dict[str, str]) -> float:
    from artlint.language import detect

    findings = body_words = 0
    for path in sorted((SHARED / "corpus" / folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            detected = known.get(path.stem) or detect(text, LINTER.ruleset.languages)
        except Exception:  # language model unavailable: such pages are skipped
            continue
        if detected != language:
            continue
        labels = {}
        for line in path.with_suffix(".labels.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                labels[item["line"]] = item["label"]
        lines = text.split("\n")
        body_words += sum(len(words(lines[n - 1])) for n, label in labels.items() if label == "BODY")
        result = LINTER.lint_text(text, lang=language)
        findings += sum(1 for f in result.findings if f.category == "claims" and labels.get(f.line) == "BODY")
    assert body_words > 5000
    return 1000.0 * findings / body_words


@needs_shared
def test_news_does_not_drown_in_findings() -> None:
    """At most 4 claims findings per 1,000 words on the BODY lines of real news:
    the guide expects about 5% of news sentences to be weasel and 3% unsupported,
    some 3.5 per 1,000 words of 20-word sentences."""
    known = json.loads((SHARED / "corpus" / "fr-de" / "languages.json").read_text(encoding="utf-8"))
    assert _body_density("residue/traf_default", "en", known) <= 4.0
    assert _body_density("fr-de/residue/traf", "fr", known) <= 4.0


@needs_shared  # each sentence is judged inside its article, read from ../shared
def test_figures_on_the_held_out_fold() -> None:
    """The sentences labeled by ../shared/CLAIMS-GUIDE.md (bench/data/claims-{en,fr,de}.jsonl),
    held-out fold only (articles the rules were not written against; `python
    bench/quality.py claims` prints these figures and more).  The bounds are the
    figures reached, a little below, so a change that loses ground fails."""
    sys.path.insert(0, str(ROOT / "bench"))
    from quality_claims import fold_of, load_rows, predict, score_of

    rows = [r for r in load_rows() if fold_of(r) == "held-out"]
    linter = Linter.from_config(Config(select=("claims", "sourcing")))
    english = [r for r in rows if r["language"] == "en"]
    score = score_of(zip(english, predict(linter, english, SHARED), strict=True))
    values = score.values()
    assert values["weasel_precision"] >= 0.77  # 0.79 (48/61); 0.80 (44/55) when written
    assert values["weasel_recall"] >= 0.77  # 0.83 (48/58); 0.76 (44/58) when written
    assert values["claims_precision"] >= 0.72  # 0.75 (48/64); 0.76 (44/58) when written
    assert score.attributed_flagged <= 0.03 * score.attributed


# -- weasels by construction (claims.vague-source, artlint/attribution.py) ---------------
# Real sentences (BBC, Reuters-21578, DAnIEL pages, Wikinews, Der Standard; the dev fold
# of bench/data/claims-*.jsonl and unlabeled pages), several articles per construction.
def weasel_constructs(text: str, language: str) -> list[set[str]]:
    """The weasel constructions of each sentence of `text`."""
    document = Document(text=text, language=language)
    analysis = attribution.analyse(document)
    assert analysis is not None
    found: list[set[str]] = [set() for _ in document.sentences]
    for weasel in analysis.weasels:
        found[weasel.sentence].add(weasel.construct)
    return found


@pytest.mark.parametrize(
    ("language", "text", "construct"),
    [
        # a reporting verb, any tense, whose speaker is an unnamed group or person
        (
            "en",
            "Critics argue that introducing the cards would be a costly scheme with no specific aim.",
            "speaker",
        ),
        (
            "en",
            "Money market dealers said the Bank of England has used the offer of borrowing facilities.",
            "speaker",
        ),
        (
            "en",
            "Some commenters suggested the friends take the movement further and extend it to boys.",
            "speaker",
        ),
        (
            "en",
            "Odds have been slashed, although bookmakers have said they are not ruling out a late rally.",
            "speaker",
        ),
        ("en", "Authorities say that the cases appear to be unrelated.", "speaker"),
        # an official of no named organisation, a group that reports (twins of the "no weasel" cases)
        ("en", "A senior defence official told the BBC lessons were being learned.", "speaker"),
        (
            "en",
            "Analysts said the growth in new jobs was not as strong as could be expected given the "
            "favourable economic conditions.",
            "speaker",
        ),
        ("en", "Officials said many roads and bridges in the area had been damaged.", "speaker"),
        # the antecedent of a relative speaks; an adjective with its own auxiliary is no passive
        (
            "en",
            "The legal action comes after the rap star sued a woman who claimed they tried to "
            "blackmail him to keep quiet about an alleged assault.",
            "speaker",
        ),
        ("en", "But privacy advocates are concerned by the invasive nature of such software.", "speaker"),
        # the plural antecedent of "who" speaks, not the name of the main clause (BBC politics, tech)
        (
            "en",
            "The Mental Capacity Bill has broad support from charities who say it would give better "
            "safeguards over treatment.",
            "speaker",
        ),
        (
            "en",
            "Some say that saline implants lower the risks of this type of scar tissue and that it's "
            "more common with silicone implants.",
            "speaker",
        ),
        (
            "en",
            "Some people have told the women to just take a normal Barbie and shave her hair off to "
            "make the same point.",
            "speaker",
        ),
        # a vague group with the -ing form of a reporting verb (BBC business)
        (
            "en",
            "The outlook for Sri Lanka is less optimistic, with analysts predicting that the country's "
            "tourist industry will struggle to recovery quickly.",
            "speaker",
        ),
        (
            "en",
            "However, neither side has made a formal offer for the LSE, with sources claiming such a "
            "step may still be weeks away.",
            "speaker",
        ),
        # ... and across the relative clause, whatever it names (Reuters-21578, a DAnIEL page)
        (
            "en",
            "Some traders who have received telexes from Cuba said the language of the message was not "
            "totally clear.",
            "speaker",
        ),
        (
            "en",
            "A subcontractor who audited the cantaloupe farm told the committee that auditors dock points.",
            "speaker",
        ),
        # a place owns no officials; a kind of organisation is still an unnamed group
        (
            "fr",
            "Une avalanche dans les Alpes françaises a causé la mort de neuf personnes, selon les "
            "informations des autorités.",
            "speaker",
        ),
        (
            "en",
            "The EC agriculture ministers' agreement puts milk producers in an impossible situation, "
            "French farm unions said.",
            "speaker",
        ),
        (
            "en",
            "However, the sources said Brazil is unlikely even to consider exporting such quantities.",
            "speaker",
        ),
        (
            "en",
            "Gardner said Hutton stands to gain fees, but sources close to the transaction said fees are low.",
            "speaker",
        ),
        ("en", "A close family friend told The Sun newspaper that she was doing well.", "speaker"),
        (
            "en",
            "Other experts blame the westernisation of yoga as more of a workout than a holistic practice.",
            "speaker",
        ),
        (
            "fr",
            "Les experts expliquent ce facteur par les négociations sur le programme nucléaire iranien.",
            "speaker",
        ),
        (
            "fr",
            "Les autorités locales ont décrit l'avalanche comme la plus meurtrière de ces dernières années.",
            "speaker",
        ),
        ("de", "Experten befürchten Verhinderung von Impfkampagnen wegen Unsicherheiten.", "speaker"),
        (
            "fr",
            "On dit que M. de Sairmeuse est le grand ami du roi et qu'il en obtient tout ce qu'il veut.",
            "speaker",
        ),
        # a quantified group stays vague (the twin of "des leaders du Parti populaire")
        (
            "fr",
            "En guise de réponse, certains wikipédiens estiment que la télévision est une « machine à "
            "décerveler ».",
            "speaker",
        ),
        # a vague closing frame owns its sentence, whoever is named inside the reported speech
        (
            "en",
            "Cuba in its telex told operators they would not receive March shipments as Cuba has to "
            "meet its contracts to export markets, traders said.",
            "speaker",
        ),
        (
            "en",
            "Cuba has told international sugar operators that these contracts will take second place "
            "to Cuba's direct shipments to its export markets, dealers here said.",
            "speaker",
        ),
        (
            "en",
            "Since the state privatized its child welfare system, child advocates largely agree "
            "the system is better.",
            "speaker",
        ),
        (
            "de",
            "Beobachter meinen, dass der verstorbene Apple-CEO solche Patzer nicht durchgehen hätte lassen.",
            "speaker",
        ),
        # agentless passives and impersonal frames of opinion
        (
            "en",
            "Infant irritability was said to be a natural part of the communication between mothers and babies.",
            "passive",
        ),
        ("en", "At the time of the scandal, Ahold was seen by many as Europe's Enron.", "passive"),
        ("en", "Up to 20 percent of people are believed to have the variant in the CD36 gene.", "passive"),
        ("en", "It is thought 30,000 businesses in Wales would be covered by the scheme.", "passive"),
        (
            "en",
            "Previously considered to be Russia's richest man, Mr Khodorkovsky is currently on trial for fraud.",
            "passive",
        ),
        (
            "fr",
            "Pendant la Seconde Guerre mondiale, Alan Turing est connu pour avoir brisé les codes secrets des nazis.",
            "passive",
        ),
        ("de", "Raqqa gilt als Hauptstadt des Islamischen Staats in Syrien.", "passive"),
        (
            "en",
            "Ample research has also shown that a heart attack can be unleashed by a sudden burst.",
            "passive",
        ),
        ("en", "LONDON: It's long known that there are five basic tastes.", "passive"),
        ("fr", "On apprend ce samedi après-midi que les résultats seront annoncés demain.", "passive"),
        (
            "fr",
            "Il semblerait que la bousculade meurtrière ait été provoquée par un feu de Bengale lancé "
            "dans l'enceinte du stade.",
            "passive",
        ),
        (
            "fr",
            "Les observateurs spécialistes du monde arabe craignent une montée des tensions.",
            "speaker",
        ),
        ("de", "Konkrete Planungen gebe es derzeit aber noch nicht, hieß es.", "passive"),
        # hearsay with no accuser
        (
            "en",
            "The firm responsible for the botched billing, PHY Services, was reportedly inundated with complaints.",
            "hearsay",
        ),
        ("en", "Euronext is reportedly working with three investment banks on a possible offer.", "hearsay"),
        # hearsay as an adjective (BBC business, politics)
        ("en", "Principal footage was shot in Morocco and Rome at a reported cost of $32m.", "hearsay"),
        (
            "en",
            "The reported feud between Tony Blair and Gordon Brown has prompted a Labour donor to say he "
            "will refuse to give more funds.",
            "hearsay",
        ),
        # the agent of a passive reports nothing: "reportedly" is not inside its speech
        (
            "en",
            "The Allopurinol tablets, reportedly produced by Teva's Hungarian plant, are used to treat gout.",
            "hearsay",
        ),
        (
            "en",
            "Controversial new UK casinos will be banned from using American tricks of the trade, "
            "it has been suggested.",
            "passive",
        ),
        (
            "de",
            "Ein 31-jähriger Polizist soll einer 42-Jährigen den Knöchel gebrochen haben, indem er sie wegstieß.",
            "hearsay",
        ),
        ("de", "Berichten zufolge beliefen sich diese bis April auf 80 Millionen US-Dollar.", "speaker"),
        # rumour frames
        (
            "en",
            "It will be the 21st James Bond film, and speculation has been rife over who will play the lead.",
            "rumour",
        ),
        (
            "en",
            "Bra Kanon is chairman of the ICCO Council and rumours that he might be delayed depressed cocoa prices.",
            "rumour",
        ),
        # unattributed expectations
        (
            "en",
            "Shooting on Casino Royale is expected to begin once Campbell has finished work on The Legend of Zorro.",
            "speculation",
        ),
        ("en", "Earnings from tourism this year are expected to be 15% lower than last year.", "speculation"),
        # a dated forecast of an outcome, a crowd's size: not schedules
        (
            "en",
            "The car business, best known for its Alfa Romeo marque, is expected to make a loss of "
            "about 800m euros in 2004.",
            "speculation",
        ),
        (
            "en",
            "Some 1,000 men and women are expected to attend the conference, which is geared to the "
            "Modern Orthodox and haredi Orthodox communities.",
            "speculation",
        ),
        (
            "fr",
            "Cela devrait contribuer à réduire l'impact environnemental des nouveaux billets.",
            "speculation",
        ),
        ("de", "Der 46-Jährige Lenker dürfte die Fahrradfahrerin übersehen haben.", "speculation"),
        # an unnamed group as the subject of a clause opened by "and"/"but" deep in a sentence
        (
            "en",
            "During 2000 many motorists campaigned against the rises but environmentalists believe "
            "less duty means more pollution.",
            "speaker",
        ),
        (
            "en",
            "The ICO executive board meets here March 30 to April 1 but both producer and consumer "
            "delegates said they doubt if real negotiations will begin then.",
            "speaker",
        ),
        # "apparently" hedging its clause, no holder named in it or the sentence before
        (
            "en",
            "Meanwhile, bank regulators are apparently concerned about the implications of the "
            "collapse in FRN prices.",
            "allegation",
        ),
        (
            "en",
            "Apparently, the girl had been given a peanut (or peanut-containing food) from another "
            "child while on the playground.",
            "allegation",
        ),
        (
            "fr",
            "Après avoir signalé une urgence à une vingtaine de kilomètres de l'aéroport, l'avion a "
            "heurté une ligne à haute tension en s'approchant de la piste et a atterri apparemment "
            "sur le ventre.",
            "allegation",
        ),
        # a figure of another clause is not the speakers' share, as a poll's is ("Some 87%
        # said"): BBC business, its opening clause ("On Tuesday, figures showed") left out
        (
            "en",
            "China's economy grew by 9.5% in 2004 and experts say the overall growth picture remains strong.",
            "speaker",
        ),
        # a faith names no one: an unnamed group
        (
            "en",
            "Muslim groups have repeatedly claimed that their communities are being victimised under "
            "terror laws.",
            "speaker",
        ),
        # research no sentence names (DAnIEL, a health page); its twin, "new research", is
        # the study the article reports, named in its other sentences
        (
            "en",
            "Previous studies have shown dietary flavonoids reduce the risk factors for heart "
            "disease in healthy people.",
            "passive",
        ),
        # "sources close to" anyone are anonymous (Reuters-21578, BBC politics); the twin
        # without "sources" is not
        (
            "en",
            "Sources close to Mr Hockney said around eight other members of London UKIP were also "
            "planning to jump ship.",
            "speaker",
        ),
        (
            "en",
            "France's state-owned Cie Generale d'Electricite (CGE) is likely to be privatised during "
            "May this year, sources close to Finance Minister Edouard Balladur said.",
            "speaker",
        ),
        # "forecast" reports a view (Reuters-21578); the twins: a named forecaster, a noun
        (
            "en",
            "The expected drop in prices could result in losses of as much as three billion dlrs in "
            "a year, producer delegates forecast.",
            "speaker",
        ),
        (
            "en",
            "The 1987 outlook for U.S. auto sales is clouded by a decidedly mixed sales forecast, and "
            "analysts who follow the industry say it is also true for companies that sell parts and "
            "equipment to the major car and truck manufacturers.",
            "speaker",
        ),
        # a vague subject before an aside: "that" after the verb opens what is said, no
        # speaker ("ODPM") follows the verb (BBC business)
        (
            "en",
            "Economists, however, forecast that ODPM figures are likely to show a weakening in annual "
            "house price growth in coming months.",
            "speaker",
        ),
        # a role of an unnamed house right before the verb is no apposition to "Tokyo"
        (
            "en",
            "These investors, who must convert yen into sterling through dollars for British "
            "securities purchases, appear to be buying in London rather than in Tokyo, a bond "
            "manager for a British securities house said.",
            "speaker",
        ),
        # progressive reporting verbs, any auxiliary (BBC business, Reuters-21578)
        (
            "en",
            "Union leaders and trade campaigners have been warning that developing nations such as "
            "Lesotho, Sri Lanka, and Bangaldesh could lose thousands of jobs once the quotas were lifted.",
            "speaker",
        ),
        (
            "en",
            "Some U.S. primary bond dealers have been suggesting that with further increases in "
            "transaction volume, fees can be cut without hurting the brokers' profits.",
            "speaker",
        ),
        # "..., saying" frames what follows it, not the vague group's verb before it (Reuters-21578)
        (
            "en",
            "Economists criticised the controls, saying they could antagonise Washington, which is "
            "pushing for further economic liberalisation in Taiwan.",
            "speaker",
        ),
        # "sources" close the sentence as its frame whoever it names (Reuters-21578)
        (
            "en",
            'The lower production levels indicated Saudi Arabia, the world"s largest oil exporter, was '
            "insisting on getting Opec official prices, even at the cost of lower production, the "
            "sources said.",
            "speaker",
        ),
        # an aside between a vague subject and its verb (BBC business, Reuters-21578)
        ("en", "Analysts, however, say prices will fall further if inventories continue to rise.", "speaker"),
        (
            "en",
            "Supporters, however, say he brings much needed stability to a region where Islamic "
            "militancy is on the rise.",
            "speaker",
        ),
        # a view held, in the past as in the present (BBC business, Reuters-21578)
        ("en", "Stock market traders were sceptical that the latest reports heralded a deal.", "speaker"),
        (
            "en",
            "Other observers were concerned that drug companies would be put into a legal bind if "
            "promising drugs later proved to have devastating side effects.",
            "speaker",
        ),
        # a phrase of its own after the comma is no closing frame (Reuters-21578)
        (
            "en",
            "Some analysts noted friction between the Finance Ministry and the central bank, with "
            "Finance Minister Onno Ruding having said before the Bundesbank discount rate cut he "
            "favoured lower Dutch rates but that the Germans should move first.",
            "speaker",
        ),
        # an ordinal is no poll's fraction: the twins of "Three-quarters said", "a quarter of
        # web users said" (no finding)
        ("en", "A third analyst said the deal would fail.", "speaker"),
        ("en", "A third source said the deal would collapse.", "speaker"),
    ],
)
def test_weasel_constructions(language: str, text: str, construct: str) -> None:
    found = weasel_constructs(text, language)
    assert construct in found[0], (text, found)
    assert claims_rules(text, language) & WEASEL  # claims.vague-source, or a phrase rule it defers to


def test_an_anonymous_speaker_and_its_group_carry_over() -> None:
    """The continuation of an anonymous quotation, and 'they' for a vague group
    (the Reuters coffee story and the BBC car-maker story of the dev fold)."""
    quote = (
        "“We know that in five years the US dollar will be stronger than it is today,” the chief "
        "executive of a leading European car maker told BBC News. “The current trend towards US "
        "production is stupid.” GM declined to comment."
    )
    assert [bool(s) for s in weasel_constructs(quote, "en")] == [True, True, False]
    group = (
        "The exporters said the key factor will be the amount at which the quota is set. They noted "
        "that April registrations were opened and closed in a single day. Brazil sold 2.0 mln bags."
    )
    assert [bool(s) for s in weasel_constructs(group, "en")] == [True, True, False]
    # "they" far from the verb opens a clause of its own: not the vague group speaking again
    firms = (
        "But privacy advocates are concerned by the invasive nature of such software. They have "
        "joined forces to create a system which can monitor computer activity, store it and "
        "retrieve disputed files within minutes."
    )
    assert [bool(s) for s in weasel_constructs(firms, "en")] == [True, False]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a vague speaker inside an identified speaker's reported speech
        ("en", "The minister said others had raised concerns about the plan."),
        ("en", "Mr Clarke also said intelligence reports showed some British citizens were involved."),
        (
            "en",
            "Central banks have beaten back the market's first test of the pact, analysts at Citibank said.",
        ),
        # an agent, a cited source, a named organisation
        ("en", "Analysts surveyed by FactSet expect Novartis to earn $5.55 per share this year."),
        (
            "en",
            "Other studies indicate that drinking more water can boost metabolism and weight loss (10, 11).",
        ),
        ("en", "Pentagon officials said the base would close by the end of the year."),
        # "officials" whose organisation or nation the sentence names (Reuters-21578, a DAnIEL page)
        ("en", "Initial U.S. Reaction to the proposal has been positive, officials said."),
        (
            "en",
            "The Department of Children and Families announced Wednesday that it will score the 20 "
            "private groups on what officials consider to be the 12 most critical safety measures.",
        ),
        ("en", "Company executives said they thought the Mac II would push the development of software."),
        # no speaker at all: nouns, things, agents of a passive
        ("en", "Some of the lighting installations on show at the 7th Amsterdam Light Festival."),
        ("en", "GM's announcement should go some way to allay fears of the Saab factory's closure."),
        ("en", "The tests revealed Osborn had metastatic adenocarcinoma."),
        (
            "en",
            "Marsh's killing was one of four carried out by people known to mental health workers in Swindon.",
        ),
        ("en", "The information is anonymous, he added."),
        # a plural noun that names no people reports no one's view; a bare French participle is no verb
        ("en", "The messages warn that their internet use has been monitored by the FBI's fraud centre."),
        ("fr", "Un système observé pour la toute première fois."),
        ("fr", "Les chiffres annoncés en mars ont été revus à la baisse."),
        # a clause of its own after the comma is no closing frame
        ("en", "The plan will fail, Senator Jane Smith said, adding that some analysts agree."),
        # routine data and schedules
        ("en", "Southcorp's shares rose 12% to A$4.76 on news of the offer but Foster's shares fell 3.7%."),
        ("fr", "Une fusée Soyouz devrait lancer la capsule aujourd'hui à 18h15 UTC."),
        # unnamed members of a named organisation, after the plain article "des" (Wikinews, Wikipedia)
        (
            "fr",
            "Des leaders du Parti populaire ont indiqué que, lorsqu'ils arriveraient au pouvoir, ils "
            "auraient la peau de la présentatrice.",
        ),
        (
            "fr",
            "Le Ministère de la Jeunesse et des Sports estime à 100 000 le nombre de salariés travaillant "
            "pour le secteur sportif en France.",
        ),
        # research or data named before their verb (BBC business, tech; the twins of "Ample
        # research has also shown")
        ("en", "The ODPM data showed the average house price was £192,713 in England."),
        (
            "en",
            "A survey carried out in 2000 by Forrester Research found that the shortness of battery "
            "life was the most complained about feature of laptops.",
        ),
        # "the company reported ..." is the verb of a named or referring speaker, not hearsay
        # (BBC business, Reuters-21578; the twins of "a reported cost", "the reported feud")
        ("en", "The company reported strong revenue growth across all its major markets."),
        (
            "en",
            "Earlier, the company reported a loss for the fourth quarter ended January 3 of 31.9 mln dlrs.",
        ),
        # the author's own view; a poll's share of a group (DAnIEL pages; their twins "Some say
        # that saline implants ..." and "Some people have told the women ..." are weasels)
        ("en", "Getting some exercise I think would help those people who feel lethargic."),
        ("en", "One in 10 young people said they had had 10 or more sexual partners."),
        ("en", "Seven out of 10 smokers say they'd like to quit."),
        # a named antecedent of "who", a relative clause with a subject of its own (the twins of
        # "charities who say"; BBC politics, entertainment)
        (
            "en",
            "Actress Nicole Kidman has won a restraining order against two paparazzi photographers who "
            "she claims left her fearful of leaving her Sydney mansion.",
        ),
        (
            "en",
            "That was a message repeated by Home Secretary Charles Clarke who said the matter should now be left to lie.",
        ),
        # the -ing form after a named subject (the twin of "with analysts predicting"; BBC politics)
        (
            "en",
            "President Bush focused on the fact that two million jobs have been created in the past "
            "year, claiming that it has vindicated his tax-cutting agenda.",
        ),
        # a decision is no speech; a share of a group is a poll's figure; an official of a named
        # administration (BBC, Reuters-21578)
        ("en", "Creditors agreed on Friday to suspend interest payments until 2007."),
        ("en", "Three former Ahold top executives last year agreed to settle fraud charges."),
        ("en", "Some 87% said politicians did not keep the promises they made before elections."),
        ("en", "Only 18% of all searchers say they can tell which results are paid for and which are not."),
        ("en", "A Reagan administration official said the Paris agreement last month was the main reason."),
        # a way of speaking is no source (ELTeC novels, French Wikipedia); "On dit que" is, above
        (
            "fr",
            "Ce sont de grandes cultures ou coutures, comme on dit dans le pays, qui vont rejoindre la "
            "route de Bazeille et celle de Givonne.",
        ),
        (
            "fr",
            "Les premiers d'entre eux sont les auteurs de romans-feuilleton (feuilletons-roman, comme on "
            "disait alors), comme Eugène Sue ou Alexandre Dumas.",
        ),
        # the author's inference is no hearsay (French Wikipedia; its twin "Il semblerait que" is above)
        (
            "fr",
            "Il semble que la classe moyenne acadienne ne soit pas vraiment touchée par la Longue "
            "Dépression de 1873, contrairement aux anglophones.",
        ),
        # a planned event with its date is a schedule (BBC sport, business; Reuters-21578)
        ("en", "The Greek tribunal is expected to give its verdict early next week."),
        ("en", "The Indian firm is also expected to hold talks on Tuesday about buying a stake in assets."),
        (
            "en",
            "Formal adoption of the new accord by the 40 countries taking part in the conference is "
            "expected to take place on March 20.",
        ),
        # how long a trial or talks will run is their schedule (BBC business, Reuters-21578)
        (
            "en",
            "Mr Ebbers' trial is expected to last two months and if found guilty the former CEO "
            "faces a substantial jail sentence.",
        ),
        (
            "en",
            "The debt talks in New York are being headed by Argentine Finance Minister Mario "
            "Brodersohn and are expected to last for several days.",
        ),
        ("de", "Das sei auf absehbare Zeit noch nicht realisierbar, hieß es aus dem Ministerium."),
        # negative twins: after "to" a plural is no subject (the speaker follows the verb);
        # "-ments" are things, not people; a faith word inside a name is part of the name
        (
            "en",
            "Analysing traffic will become increasingly important for service providers if they are "
            "to hold on to bandwidth-hungry gamers said Lindsay Schroth, an analyst with research "
            "firm The Yankee Group.",
        ),
        (
            "en",
            "The year-end results include an 8.0 mln dlrs provision for future legal and or "
            "settlement costs to cover the civil and criminal settlements announced today.",
        ),
        (
            "en",
            "Trade allowed Third World countries like Bangladesh to get onto the first rung of "
            "industrial development, Christian Aid said.",
        ),
        # "apparently" as an adjective's adverb, or addressing the reader
        (
            "en",
            "One example was when a health insurance client asked why there was apparently "
            "unrelated text in the notes field of a medical form.",
        ),
        (
            "en",
            "Bottle-feeding was akin to comfort eating, producing quieter and apparently more "
            "content babies who may be over-nourished.",
        ),
        (
            "en",
            "Apparently you know zilch, zero, zippo about diabetes, so please stop saying ignorant things!",
        ),
        # "sollte" is "should", not hearsay; a press release is the source of "hieß es"
        (
            "de",
            "Somit sollte dafür gesorgt sein, dass keiner von jenen Flüchtlingen im Freien übernachten müsse.",
        ),
        # "sollen" + a noun and "haben" is a plan, not hearsay (Der Standard; its twin, a participle
        # before "haben", is among the German weasels)
        ("de", "Mitarbeiter sollen zudem jederzeit die Möglichkeit haben, wieder aus All-in auszusteigen."),
        # "es heißt" of a text named before, or of a name (Der Standard)
        ("de", "Mit einem Text Martin Gutls, in dem es heißt, Ich werde nicht sterben, endet die Feier."),
        ("de", "Es heißt natürlich St. Leonhard, nicht St. Leonhart."),
        (
            "de",
            "Alle Kandidaten mit ausreichenden Unterstützungserklärungen sollen gleiche Chancen haben, ihre "
            "Vorstellungen den Wählern zu präsentieren.",
        ),
        (
            "de",
            "In einer Pressemitteilung, die sein Büro am späten Dienstagabend verbreitete, hieß es: "
            "Der Ministerpräsident ist nicht zurückgetreten.",
        ),
        # "new research": the study the article reports (BBC tech, metro.co.uk, heraldscotland)
        (
            "en",
            "A boring office environment is likely to see staff reaching for the booze, new research has found.",
        ),
        ("en", "Chocolate, according to new research published today, can be good for you."),
        (
            "en",
            "Americans are becoming avid blog readers, with 32 million getting hooked in 2004, according "
            "to new research.",
        ),
        ("en", "The Aguarico bridge was also close to the volcano, he said."),
        # a claim for something reports no view (BBC business, BBC politics)
        (
            "en",
            "Previously, passengers could claim between 150 euros and 300 euros if they had been "
            "stopped from boarding.",
        ),
        (
            "en",
            "These would raise the age from which retiring workers could claim their pensions and limit "
            "how much they received if they retired early.",
        ),
        (
            "en",
            "Investment bank Morgan Stanley has forecast that India's mobile market is likely to grow by about 40% a year until 2007.",
        ),
        # an apposition set off by commas, one of a named person's group: the person speaks
        (
            "en",
            "Prassana Rambathla, one of Prof Reddy's graduate students, says that \"when you're talking "
            "illiterate you're talking audio and video, and that demands exponentially high bandwidth.",
        ),
        # a gerund after a preposition is no one's report (BBC politics)
        (
            "en",
            "Mr Clarke won over critics by announcing he would introduce an amendment in the Lords to "
            "ensure the most controversial control order, amounting to house arrest, would be imposed "
            "by judges and not politicians.",
        ),
        # officials closing a sentence that names their nation (Reuters-21578)
        ("en", "Initial U.S. Reaction to the proposal has been positive, officials said."),
        # the twin: a named subject before the aside (BBC business)
        (
            "en",
            "Mr Chernin, however, told the FT that News Corp was finding it difficult to identify a suitable target.",
        ),
        # the twin: a named holder of the view (BBC politics)
        (
            "en",
            "Conservative shadow home secretary David Davis was worried about extending special powers "
            "to cover British citizens.",
        ),
        # the speaker after the verb: German "der" is an article there, no complementizer
        (
            "de",
            "Viele sind dagegen, viele dafür, erklärte der Hallwanger Bürgermeister Johannes Ebner "
            "(ÖVP) am Freitag auf Anfrage der APA.",
        ),
        # a named speaker closing the sentence frames it, past a noun read as a verb and past
        # the words of a title (BBC business, BBC politics)
        (
            "en",
            "Private sector business surveys suggest a stronger economy than official estimates, Ms Lomax said.",
        ),
        (
            "en",
            "The EU embargo on arms exports to China is likely to be lifted in the next six months "
            "despite US objections, UK Foreign Secretary Jack Straw has said.",
        ),
        # a poll's share as a fraction, as a percentage is ("Some 87% said"): BBC politics, business
        (
            "en",
            "Three-quarters said Mr Blunkett was right to go to court for the right to see Mrs Quinn's "
            "son - whom he says he fathered - and just 14% voiced sympathy for Mrs Quinn.",
        ),
        (
            "en",
            "Of these, 83% were happy with the experience, though nearly a quarter said they struggled "
            "to remember their pin number.",
        ),
        # the twin of "A third analyst said" (a vague speaker): a fraction followed by "of"
        ("en", "A quarter of web users said they had bought music online."),
    ],
)
def test_no_weasel_construction(language: str, text: str) -> None:
    assert not any(weasel_constructs(text, language)), text


def test_the_hearsay_conditional_carries_on_a_named_source() -> None:
    """The journalistic conditional right after the sentence that names its source
    continues that source's report (regards.fr); alone, it hides its source."""
    named = (
        "Il n'aura pas fallu 24 heures pour que Mediapart révèle ces « raisons » : « Le fisc a "
        "récemment saisi la Commission des infractions fiscales ». Plusieurs dizaines de milliers "
        "d'euros d'impôt seraient en jeu."
    )
    assert "claims.hearsay-conditional" not in claims_rules(named, "fr")
    alone = "Plusieurs dizaines de milliers d'euros d'impôt seraient en jeu."
    assert "claims.hearsay-conditional" in claims_rules(alone, "fr")


def test_the_reportative_conditional_of_etre() -> None:
    """'serait' + a participle in a main clause reports hearsay (Wikinews, the French
    Wikipedia of corpus/clean); after 'que' it is a future in the past (an ELTeC novel)."""
    for text in (
        "Le crash serait dû à une défaillance des deux moteurs.",
        "Actuellement, elle serait conservée dans la « chapelle de l'Arche d'alliance », située dans "
        "un enclos séparé de l'église.",
        "La peau pigmentée par le soleil serait devenue un attribut de la mode en partie à cause du "
        "statut de Coco Chanel.",
        # "ce" a determiner, not the pronoun of "ce serait" (review 13)
        "Ce crash serait dû à une défaillance des deux moteurs.",
    ):
        assert "claims.hearsay-conditional" in claims_rules(text, "fr"), text
    future = "Il ne savait pas comment le Comte entendait traiter l'affaire ; il savait seulement qu'elle serait traitée."
    assert "claims.hearsay-conditional" not in claims_rules(future, "fr")
    # "ne serait plus" holds no participle; "il" farther back no longer hides it (an ELTeC novel)
    novel = (
        "Étienne lui pardonnerait, Étienne se consolerait ; qui sait ? peut-être, il épouserait un "
        "jour… il épouserait Teresa… et Marguerite ne serait plus pour lui qu'une sœur chérie."
    )
    assert "claims.hearsay-conditional" not in claims_rules(novel, "fr")


def test_the_hearsay_conditional_is_a_main_clause() -> None:
    """'aurait' + a participle as the verb of its sentence reports hearsay; in a clause after
    'que' or 'qui' it is a hypothesis (French Wikipedia of corpus/clean)."""
    for hearsay in (
        "Là, il aurait avoué au médecin qu'il s'était autotransfusé avec du sang.",
        # a relative clause closed by its own verb before the conditional (review 13)
        "L'homme qui a été arrêté hier aurait avoué le meurtre.",
        "Le président dont la voiture a été volée aurait porté plainte.",
    ):
        assert "claims.hearsay-conditional" in claims_rules(hearsay, "fr"), hearsay
    for text in (
        "Yasu a donc réussi à faire un clip qu'on regarde encore et encore pour découvrir le moindre "
        "détail que l'on aurait manqué.",
        "La loi sur le blasphème prévoit la peine de mort pour les personnes qui auraient dénigré Mahomet.",
    ):
        assert "claims.hearsay-conditional" not in claims_rules(text, "fr"), text


def test_an_opinion_passive_in_the_past_historic() -> None:
    """'furent considérées comme' is 'fut considéré comme' in the plural (Wikinews); an agent names
    the holder."""
    text = "Ses positions en faveur du catalan furent considérées comme un crime de lèse-majesté."
    assert "passive" in weasel_constructs(text, "fr")[0]
    agent = (
        "Ses positions en faveur du catalan furent considérées comme un crime de lèse-majesté par la Cour."
    )
    assert not any(weasel_constructs(agent, "fr"))


def test_an_inverted_auxiliary_after_a_quotation_names_the_speaker() -> None:
    """'« ... » a-t-il précisé': the participle after an inverted auxiliary is a reporting verb
    whose speaker is the pronoun (Wikinews, the police spokesman named the sentence before), so the
    'il semblerait que' of his words is his; with no such frame it is an opinion with no holder."""
    before = (
        "L'alerte a été donnée vers quatre heures et demie du matin, a indiqué un porte-parole de la police. "
    )
    framed = (
        "Il semblerait que la bousculade meurtrière ait été provoquée « par un feu de Bengale lancé "
        "par quelqu'un dans l'enceinte du stade » a-t-il précisé."
    )
    assert not any(weasel_constructs(before + framed, "fr"))
    bare = "Il semblerait que la bousculade meurtrière ait été provoquée par un feu de Bengale."
    assert any(weasel_constructs(before + bare, "fr"))


def test_a_straight_mark_before_s_is_an_apostrophe() -> None:
    """Reuters-21578 writes 'the world"s largest' for 'the world's largest': the mark opens
    no quotation that would hide the weasel after it (and the quoted sentence after that)."""
    text = (
        'The lower production levels indicated Saudi Arabia, the world"s largest oil exporter, was '
        "insisting on getting Opec official prices, even at the cost of lower production, the sources "
        'said. "We will not discount," an oil trader said.'
    )
    assert weasel_constructs(text, "en") == [{"speaker"}, {"speaker", "quote"}]


def test_the_continuation_of_an_anonymous_quotation_is_its_speakers() -> None:
    """A quotation framed by an anonymous speaker is that speaker's, and so is the next
    one, even after a sentence that names someone (Reuters-21578); framed by an
    unnamed member of a nation's government, it is attributed (BBC politics)."""
    anonymous = (
        '"The White House has to avoid building expectations that cannot be met," said the '
        'strategist, who requested anonymity. "They have to recognize there is no quick fix."'
    )
    assert [bool(s) for s in weasel_constructs(anonymous, "en")] == [True, True]
    named = (
        '"The White House has to avoid building expectations that cannot be met," said Paul '
        'Volcker. "They have to recognize there is no quick fix."'
    )
    assert [bool(s) for s in weasel_constructs(named, "en")] == [False, False]
    official = (
        'But a UK Government official responded: "Even with the rebate, the UK pays two and a '
        "half times more than France contributes to the EU budget. Without it we would pay 14 "
        'times as much as France."'
    )
    assert not any(weasel_constructs(official, "en"))


def test_a_long_apposition_gives_the_name_before_it() -> None:
    """An apposition longer than the words looked at before a verb still stands beside
    the name before it (therepublic.com, the fresh set's read half); the twin without
    a vague group stays one (BBC tech)."""
    named = (
        "After reviewing studies of Tamiflu during the avian flu scare, Dr. Tom Jefferson of the "
        "Cochrane Collaboration, a nonprofit group dedicated to analyzing medical evidence, had "
        "concluded in a 2006 report that the drug was effective."
    )
    assert not claims_rules(named, "en") & WEASEL
    vague = (
        "But some historians and archivists are concerned that the need for perfect pictures will "
        "mean that those poor quality prints which offered a tantilising glimpse of the past may "
        "disappear forever."
    )
    assert claims_rules(vague, "en") & WEASEL


def test_a_long_clause_before_the_verb_keeps_its_subject() -> None:
    """A relative clause or a first reported clause longer than the words looked at before
    a verb: its subject still speaks (BBC entertainment, Reuters-21578); a speaker after
    the verb is found there, as before (BBC tech)."""
    for text in (
        "Caprice, who left in the scheduled fourth eviction having gained just 5% of the public "
        'vote, afterwards said: "I am so happy, I am so glad I\'m out."',
        "President Leon Febres Cordero said Ecuador would honour its debt when it had the capacity "
        "to make payments, but said foreign banks had calculated oil would have to be 25 dlrs a "
        "barrel for Ecuador to meet its commitments.",
    ):
        assert not claims_rules(text, "en"), text
    inverted = (
        "Fake bank e-mails, or phishing, and stories about ID theft are damaging the potential of "
        "using the net for online commerce, say e-business experts."
    )
    assert claims_rules(inverted, "en") & WEASEL


def test_a_stray_straight_quote_opens_no_quotation() -> None:
    """A straight mark followed by a blank closes a quotation: in a page scraped as
    one long line (daniel: www-odt-co-nz), pairing the marks one after the other
    put the rest of the article inside a quotation, and its weasels out of reach."""
    text = (
        'He said the job was not full-time. "Young doctors want a full-time position." The '
        "department had 7.6 SMOs, Dr Chambers said. However, the pair worked half of their hours "
        "in anaesthetics. It was hoped the specialists would be in place in time for the new ward. "
        '"We have started recruiting," Ms Blake said.'
    )
    assert [bool(s) for s in weasel_constructs(text, "en")] == [False, False, False, False, True, False]


def test_one_weasel_finding_per_sentence() -> None:
    """claims.vague-source leaves a sentence a phrase rule already flagged (defer_to)."""
    text = "Critics have long argued that the tariffs hurt farmers. Authorities say the cases are unrelated."
    findings = [f for f in LINTER.lint_text(text, lang="en").findings if f.category == "claims"]
    assert [(f.line, f.column, f.rule) for f in findings] == [
        (1, 1, "claims.weasel-attribution"),
        (1, 57, "claims.vague-source"),
    ]
    assert findings[1].confidence is not None
