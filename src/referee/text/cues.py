"""The cue families that make a sentence a claim, and the words of the flags.

This module is data: word lists compiled into regular expressions. Scoring
and flagging live in :mod:`referee.text.claims`. Patterns are written in lower case
and run without IGNORECASE on :func:`lower` text (five times faster in
Python's ``re``); the few that need capitals (``cased`` families) run on the
original text. Weights started from those a logistic regression learned on
the ClaimBuster data set for the same cues (number +2.3, change +1.1, evidence +1.0,
comparative +0.7, prediction −1.0, first-person opinion −1.6, question −2.0); each
family is explainable on its own ("why this is a claim: number '40%', evidence 'study'").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    weight: float
    pattern: re.Pattern[str]
    label: str
    """How the family is named to the reviewer."""
    cased: bool = False
    """Run on the original text instead of the lowered one."""


def lower(text: str) -> str:
    """Lower case with the same length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _words(alternation: str) -> str:
    return " ".join(alternation.split())


def _rx(body: str) -> re.Pattern[str]:
    """A pattern for lowered text."""
    return re.compile(body)


def _alt(words: str) -> str:
    return "|".join(_words(words).split(" "))


NUMBER = _rx(
    r"\d+(?:[.,]\d+)*(?:\s?(?:%|per\s?cent|percent)|(?:\s?(?:mg|kg|g|ml|mcg|µg|mmol|iu|hours?|days?|"
    r"weeks?|months?|years?|times|fold|patients|people|participants|subjects|adults|children|women|"
    r"men|cases|deaths|studies|trials))?(?!\w))"
)
"""Digits with their unit; :mod:`referee.text.claims` drops matches glued to a word or a period."""
NUMBER_WORDS = _rx(
    r"\b(?:half|twice|double|triple|dozens?|hundreds?|thousands?|millions?|billions?|majority|"
    r"minority|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)\b"
)
YEAR = re.compile(r"\b(?:1[89]\d{2}|20\d{2})s?\b")
RATIO = _rx(r"\b(?:\d+\s+(?:in|out\s+of)\s+(?:every\s+)?\d+)\b")
CHANGE = _rx(
    r"\b(?:increas\w*|decreas\w*|rises?|rising|rose|fell|fall(?:s|ing)?|grow(?:s|n|ing)?|grew|"
    r"drop(?:s|ped)?|declin\w+|doubl\w+|tripl\w+|halv\w+|surg\w+|plummet\w*|soar\w*|jump\w*|spik\w+)\b"
)
COMPARATIVE = _rx(
    r"\b(?:more|less|fewer|higher|lower|better|worse|greater|than|most|least|best|worst|largest|"
    r"smallest|first|only|record|outperform\w*|superior|inferior)\b"
)
EVIDENCE = _rx(
    r"\b(?:stud(?:y|ies)|research|trials?|meta-analys[ie]s|systematic\s+reviews?|evidence|data|"
    r"surveys?|experiments?|scientists?|researchers|findings?|results|cohort|randomi[sz]ed|"
    r"(?:has|have|had|was|were)\s+(?:long\s+)?(?:been\s+)?(?:found|shown|proven|demonstrated|reported|confirmed|linked|known)|"
    r"show(?:s|n|ed)?\s+that|found\s+that|according\s+to|published|journal|peer-reviewed)\b"
)
ATTRIBUTED = _rx(
    r"\b(?:it\s+is\s+(?:widely\s+|generally\s+|commonly\s+|often\s+)?(?:believed|thought|claimed|said|known|accepted)|"
    r"(?:is|are)\s+(?:widely\s+|generally\s+)?(?:thought|believed|known|said)\s+to|"
    r"experts?\s+(?:say|believe|agree|claim)|many\s+(?:believe|say|claim))\b"
)
CAUSAL_VERBS = _alt(
    """caus\\w* leads?\\s+to led\\s+to leading\\s+to result(?:s|ed|ing)?\\s+in increas\\w* decreas\\w* reduc\\w*
    lower(?:s|ed|ing)? rais(?:e|es|ed|ing) boost\\w* improv\\w* worsen\\w* prevent\\w* protect\\w*
    trigger\\w* induc\\w* promot\\w* enhanc\\w* inhibit\\w* suppress\\w* alleviat\\w* reliev\\w*
    cur(?:e|es|ed|ing) treat(?:s|ed|ing)? heal(?:s|ed|ing)? helps? helped helping slow(?:s|ed|ing)?
    halt\\w* revers\\w* damag\\w* harm(?:s|ed|ing)? affect(?:s|ed|ing)? impact(?:s|ed|ing)?
    influenc\\w* contribut\\w*\\s+to driv(?:e|es|ing) drove block\\w* restor\\w* strengthen\\w*
    weaken\\w* benefit\\w* elevat\\w* attenuat\\w* mitigat\\w* exacerbat\\w* accelerat\\w*
    eliminat\\w* modulat\\w* regulat\\w* stimulat\\w* fight(?:s|ing)? kills? destroys? attacks?
    combat\\w* control(?:s|led|ling)? maintain\\w* resist\\w* detox\\w* balanc(?:e|es|ed|ing)"""
)
CAUSAL = _rx(
    rf"\b(?:{CAUSAL_VERBS}|effective\w*|efficacy|beneficial|protective|harmful|responsible\s+for|"
    r"due\s+to|because\s+of|as\s+a\s+result\s+of|attributable\s+to|(?:effects?|impacts?)\s+(?:of|on))\b"
)
CORRELATIONAL = _rx(
    r"\b(?:associat(?:ed|ion)|correlat(?:ed|ion)|link(?:ed|s)\s+(?:to|with)|"
    r"relat(?:ed|ionship)\s+(?:to|with|between)|connected\s+to|tied\s+to|predict(?:s|ed|or|ive)|"
    r"risk\s+factors?|(?:higher|lower|greater|increased|reduced|elevated)\s+(?:risk|odds|likelihood|rates?|incidence|prevalence)|"
    r"(?:more|less)\s+likely|at\s+(?:higher|greater|increased|lower)\s+risk|odds\s+ratio|hazard\s+ratio)\b"
)
HEALTH = _rx(
    r"\b(?:effective\w*|efficac\w+|safe|safety|well-tolerated|side\s+effects?|adverse|cur(?:e|es|ed)|"
    r"treat\w*|therap\w+|heal\w*|prevent\w*|symptoms?|benefits?|beneficial|risks?|toxic\w*|remission|"
    r"mortality|survival|improv\w*|relie\w+|reduc\w+|promis\w+|analgesic|pain)\b"
)
DOMAIN = _rx(
    r"\b(?:disease\w*|disorders?|syndromes?|conditions?|immune|autoimmune|inflammat\w+|infections?|"
    r"patients?|cells?|tissues?|organs?|kidneys?|lungs?|liver|heart|brain|blood|cancer\w*|tumou?rs?|"
    r"diabet\w+|virus\w*|bacteri\w+|vaccin\w+|drugs?|medicat\w+|medicines?|doses?|hormones?|"
    r"cytokines?|endorphins?|physiolog\w+|metaboli\w+|chronic|acute|clinical|diagnos\w+|"
    r"climate|emissions?|economy|inflation|unemployment|population|government|law)\b"
)
RULES = _rx(
    r"\b(?:law|legal|illegal|bann?(?:ed)?|approved|approval|regulations?|regulators?|licensed?|"
    r"mandatory|required|prescription|guidelines?|recommend\w*)\b"
)
GENERALISATION = _rx(
    r"\b(?:all|every(?:one|body)?|always|never|nobody|no\s+one|many|most|numerous|countless|widely|"
    r"commonly|universally)\b"
)
PREDICTION = _rx(
    r"\b(?:will|going\s+to|by\s+20\d\d|expected\s+to|projected|forecast\w*|predicts?|likely\s+to|"
    r"in\s+the\s+future)\b"
)
MECHANISM = _rx(
    r"\b(?:mechanisms?|works?\s+by|by\s+(?:stimulating|blocking|increasing|reducing|enhancing|regulating|affecting)|"
    r"release\s+of|pathways?|receptors?|physiolog\w+)\b"
)
AGENCY = re.compile(r"\b(?:FDA|EMA|NICE|WHO|CDC|NHS|MHRA)\b")
ENTITY = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")

# --- negative cues -----------------------------------------------------------

QUESTION = re.compile(r"\?[\"”’')\]]*\s*$")
OPINION = _rx(
    r"\b(?:i\s+think|i\s+believe|i\s+feel|i\s+hope|i'm\s+sure|in\s+my\s+(?:opinion|view|experience)|"
    r"we\s+need\s+to|we\s+must|we\s+should|let's|let\s+us)\b"
)
IMPERATIVE = re.compile(
    r"^[\"“*_]*(?:Talk|Ask|Consult|Try|Make\s+sure|Remember|Avoid|Don['’]t|Do\s+not|Please|Click|"
    r"Subscribe|Read|See|Check|Share|Sign\s+up|Follow|Contact|Call|Visit|Learn|Discover|Explore|"
    r"Find\s+out|Keep|Join|Download|Register|Be\s+sure|Note\s+that|Consider)\b"
)
META = _rx(
    r"\b(?:this\s+(?:article|post|blog|page|guide)|in\s+this\s+(?:article|post|guide|section)|"
    r"read\s+more|click\s+here|subscribe|newsletter|thanks?\s+(?:you\s+)?for\s+reading|"
    r"share\s+this|all\s+rights\s+reserved|copyright|disclaimer|sponsored|affiliate\s+links?)\b"
)
DECLARATIVE = _rx(
    r"\b(?:is|are|was|were|has|have|had|can|may|might|could|will|would|does|do|did|"
    r"\w+(?:s|ed))\b"
)

POSITIVE: tuple[Family, ...] = (
    Family("number", 1.5, NUMBER, "number", cased=True),
    Family("number", 1.5, NUMBER_WORDS, "number"),
    Family("ratio", 1.0, RATIO, "ratio"),
    Family("change", 1.0, CHANGE, "change"),
    Family("evidence", 1.0, EVIDENCE, "evidence"),
    Family("attributed_belief", 1.0, ATTRIBUTED, "attributed belief"),
    Family("causal", 1.0, CAUSAL, "causal or efficacy wording"),
    Family("correlational", 1.0, CORRELATIONAL, "correlation"),
    Family("comparative", 0.75, COMPARATIVE, "comparison"),
    Family("health", 0.75, HEALTH, "health efficacy or safety"),
    Family("mechanism", 0.5, MECHANISM, "mechanism"),
    Family("domain", 0.5, DOMAIN, "subject matter"),
    Family("year", 0.5, YEAR, "year or date", cased=True),
    Family("generalisation", 0.5, GENERALISATION, "generalisation"),
    Family("rules", 0.5, RULES, "rules or regulation"),
    Family("rules", 0.5, AGENCY, "rules or regulation", cased=True),
    Family("prediction", 0.25, PREDICTION, "prediction"),
    Family("entity", 0.25, ENTITY, "named entity", cased=True),
)
NEGATIVE: tuple[Family, ...] = (
    Family("question", -2.0, QUESTION, "question", cased=True),
    Family("meta", -2.0, META, "text about the article itself"),
    Family("opinion", -1.5, OPINION, "first-person opinion"),
    Family("imperative", -1.5, IMPERATIVE, "call to action", cased=True),
)
VETO = frozenset({"question", "imperative"})
"""Negative families that keep a sentence from being a claim whatever else fires:
a question or a call to action asserts nothing to check."""
ASSERTION_WEIGHT = 0.5
SHORT_WEIGHT = -1.5
SHORT_WORDS = 3
THRESHOLD = 1.0

# --- words of the flags --------------------------------------------------------

HEDGE = _rx(
    r"\b(?:may|might|could|possibly|potentially|perhaps|probably|likely|unlikely|appears?\s+to|"
    r"seems?\s+to|suggests?|suggested|indicates?|implies|tends?\s+to|(?:is|are)\s+thought\s+to|"
    r"hypothesi[sz]ed|presumably|apparently|putative|preliminary|pilot|modest|partly|partially|"
    r"further\s+research|more\s+research|remains?\s+to\s+be|not\s+(?:yet\s+)?known|unclear|uncertain|"
    r"consistent\s+with)\b"
)
CONDITIONAL = _rx(
    r"\b(?:may|might|could|would|possibly|potentially|probably|likely\s+to|appears?\s+to|seems?\s+to|"
    r"tends?\s+to|suggests?\s+that|(?:is|are)\s+(?:thought|believed)\s+to)\b"
)
CAN = _rx(r"\b(?:can)\b")
# Finite forms of strong causal and efficacy verbs: what ``causal-unsupported`` asks about.
STRONG_CAUSAL = _rx(
    r"\b(?:(?<!from )(?<!of )(?<!the )(?<!main )(?<!root )(?<!related )(?<!leading )(?<!other )(?<!common )caus(?:e|es|ed)|leads?\s+to|led\s+to|results?\s+in|resulted\s+in|increas(?:e|es|ed)|"
    r"decreas(?:e|es|ed)|reduc(?:e|es|ed)|lower(?:s|ed)?|rais(?:e|es|ed)|boost(?:s|ed)?|improv(?:e|es|ed)|"
    r"worsen(?:s|ed)?|prevent(?:s|ed)?|protect(?:s|ed)?|trigger(?:s|ed)?|induc(?:e|es|ed)|"
    r"promot(?:e|es|ed)|enhanc(?:e|es|ed)|inhibit(?:s|ed)?|suppress(?:es|ed)?|alleviat(?:e|es|ed)|"
    r"reliev(?:e|es|ed)|cur(?:e|es|ed)|treat(?:s|ed)?|heal(?:s|ed)?|help(?:s|ed)?|revers(?:e|es|ed)|"
    r"eliminat(?:e|es|ed)|restor(?:e|es|ed)|strengthen(?:s|ed)?|(?:is|are)\s+effective|works)\b"
)
BOOSTER = _rx(
    r"\b(?:(?:clinically\s+proven|scientifically\s+proven|proven|proves?|definitely|certainly|undeniably|"
    r"undoubtedly|without\s+(?:a\s+)?doubt|clearly|obviously|conclusively|guaranteed?|miracle|"
    r"breakthrough|revolutionary|cures?|cured|powerful|dramatic(?:ally)?|well-established|"
    r"game-changer|superfood|the\s+science\s+is\s+(?:clear|settled))\b|100\s?%)"
)
VAGUE = _rx(
    r"\b(?:(?:has|have)\s+(?:long\s+)?been\s+(?:found|shown|proven|demonstrated|reported|known)|"
    r"it\s+is\s+(?:widely\s+|generally\s+|often\s+|commonly\s+)?(?:believed|thought|said|known|claimed)|"
    r"(?:several|many|numerous|some|multiple|various)\s+(?:clinical\s+)?(?:trials|studies|experts|scientists|researchers|reports)"
    r"(?:\s+and\s+(?:patient|case|anecdotal|user)\s+reports)?|"
    r"patient\s+reports|studies\s+(?:show|have\s+shown|suggest|prove)|research\s+(?:shows|has\s+shown|suggests|proves)|"
    r"(?:a\s+)?growing\s+body\s+of\s+evidence|there\s+is\s+evidence|experts\s+(?:say|believe|agree)|"
    r"some\s+people\s+say|science\s+says|it\s+has\s+been\s+(?:claimed|suggested))\b"
)
GENERALISED = _rx(
    r"\b(?:(?:many|most|all|countless|numerous)\s+(?:patients|people|users|individuals|sufferers|women|men|children|adults|doctors)|"
    r"patients\s+(?:experience|report|find|feel)|everyone|everybody|always|never|no\s+one)\b"
)
PROMISE = _rx(
    r"\b(?:(?:has|have)\s+shown\s+(?:great\s+|some\s+|much\s+)?promise|shows?\s+promise|promising|"
    r"holds?\s+promise|potential\s+(?:benefit|treatment|cure|therapy))\b"
)
SAFETY = _rx(
    r"\b(?:(?:completely|totally|entirely|perfectly)\s+safe|100\s?%\s+safe|no\s+(?:known\s+)?side\s+effects|"
    r"safe\s+and\s+(?:effective|well-tolerated|natural|gentle)|(?:is|are|was|were)\s+(?:generally\s+)?safe|"
    r"(?:has|have)\s+been\s+found\s+to\s+be\s+safe|natural\s+(?:and|so)\s+safe|harmless|risk-free|"
    r"well-tolerated|without\s+(?:any\s+)?(?:risks?|side\s+effects))\b"
)
ANIMAL = _rx(
    r"\b(?:mice|mouse|rats?|rodents?|animal\s+(?:models?|studies|study)|in\s+vitro|cell\s+cultures?|"
    r"laboratory\s+stud(?:y|ies)|petri\s+dish|zebrafish|primates?)\b"
)
PEOPLE = _rx(r"\b(?:patients|people|humans?|adults|children|women|men|individuals|you)\b")
OBSERVATIONAL = _rx(
    r"\b(?:observational|cohort|cross-sectional|case-control|surveys?|self-reported|associated\s+with)\b"
)
ADVICE = _rx(
    r"\b(?:you\s+should|should\s+(?:take|try|eat|avoid|drink|use|start|stop|consider)|"
    r"try\s+(?:taking|adding)|we\s+recommend|consider\s+taking|start\s+taking|switch\s+to)\b"
)
PURPOSE = _rx(
    r"\b(?:in\s+order\s+to\s+\w+|aimed?\s+to\s+\w+|used\s+to\s+\w+|to\s+help\s+\w+|"
    r"explore\s+\w+\s+\w+\s+to\s+\w+)"
)
