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


# The four patterns that read the original text are scanned one by one over the whole
# article (``referee.text.claims``), so each starts with a character or a set of them
# and Python's ``re`` can skip to where it may match instead of trying it at every
# position: ``\d\d*`` is ``\d+``; ``1(?<!\w1)`` is ``\b1``.
NUMBER = _rx(
    r"\d\d*(?:[.,]\d+)*(?:(?:st|nd|rd|th)(?!\w)|\s?(?:%|per\s?cent|percent)|(?:\s?(?:mg|kg|g|ml|mcg|µg|mmol|iu|hours?|days?|"
    r"weeks?|months?|years?|times|fold|patients|people|participants|subjects|adults|children|women|"
    r"men|cases|deaths|studies|trials))?(?!\w))"
)
"""Digits with their unit; :mod:`referee.text.claims` drops matches glued to a word or a period."""
NUMBER_WORDS = _rx(
    r"\b(?:half|twice|double|triple|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|"
    r"majority|minority|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|(?:two|three)\s+thirds|(?:two|three)-thirds|one\s+(?:third|quarter|fifth)|"
    r"one-(?:third|quarter|fifth)|three\s+quarters|three-quarters|tenfold|"
    r"one\s+in\s+(?:every\s+)?(?:\d+|[a-z]+))\b"
)
YEAR = re.compile(r"(?:1(?<!\w1)[89]\d{2}|2(?<!\w2)0\d{2})s?\b")
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
    r"show(?:s|n|ed)?\s+that|found\s+that|according\s+to|published\s+in|journal|peer-reviewed)\b"
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
ATTRIBUTION = _rx(
    r"\b(?:said|says|told|tells|reported|reports|announced|stated|states|wrote|writes|"
    r"confirmed|estimated|estimates|concluded|warned|admitted|acknowledged|denied|certified|ruled|"
    r"testified|claimed|insisted|noted|found|finds|showed|according\s+to|"
    r"figures\s+show|data\s+show|records\s+show)\b"
)
"""X said / reported / found that…: a statement attributed to someone."""
PAST = _rx(
    r"\b(?:was|were|had|did|went|took|made|left|began|lost|won|paid|sent|built|fell|rose|grew|"
    r"spent|sold|bought|brought|came|gave|held|kept|led|met|ran|saw|struck|taught|wrote|broke|"
    r"chose|drove|knew|became|cut|hit|shut|set|quit|burned|burnt|"
    r"(?<!be\s)(?<!been\s)(?<!being\s)(?<!is\s)(?<!are\s)(?<!am\s)[a-z]{2,}[^e\W\d_]ed)\b"
)
"""A finite verb in the past: an event that happened (or did not)."""
_NOT_FOUND = (
    r"(?:yet\s+)?(?:been\s+)?(?:change|find|show|reduce|improve|increase|affect|differ|meet|admit|"
    r"prove|detect|replicated|established|proven|confirmed|associated|linked|significant\w*|"
    r"approved|shown|found|reported|tested|changed)"
)
NULL_FINDING = _rx(
    r"\b(?:not\s+"
    + _NOT_FOUND
    + r"|(?:didn|doesn|don|hasn|haven|hadn|wasn|weren|isn|aren)['’]t\s+"
    + _NOT_FOUND
    + r"|no\s+(?:significant\s+|clear\s+|good\s+|known\s+|consistent\s+|such\s+|"
    r"serious\s+|statistically\s+significant\s+)?(?:link|evidence|effect|difference|association|"
    r"benefit|increase|change|deaths?|cases?|adverse|improvement|reduction)|not\s+yet)\b"
)
"""Negative and null findings: "did not change", "found no link", "not yet replicated"."""
DEFINITION = _rx(
    r"\b(?:means\s+(?:a|an|the|\w+ing)|stands\s+for|refers?\s+to|(?:is|are)\s+defined\s+as|(?:is|are)\s+(?:known|called)\s+as|"
    r"(?:is|are)\s+made\s+(?:from|of|up\s+of)|(?:is|are)\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:types?|forms?|kinds?|class|group|compounds?|substances?|chemicals?|proteins?|hormones?|"
    r"vitamins?|minerals?|metals?|elements?|diseases?|conditions?|disorders?|infections?|viruses?|"
    r"organs?|glands?|drugs?|medicines?|molecules?|enzymes?|measures?|units?|process|practice|"
    r"techniques?|procedures?|methods?|tests?|particles?|polymers?|plants?|spices?|roots?|"
    r"fungus|bacteri(?:um|a)|parasites?|cells?|tissues?|companies|company|agency|body|"
    r"programmes?|programs?|schemes?|laws?|treaty|rules?)\s+(?:that|which|who|of|in|on|under|for|"
    r"from|with|used|made|found|focused|based|produced|caused|known|where|whose|called|responsible|"
    r"involved|affecting|characteri[sz]ed|like))\b"
)
"""A definition that states a fact: "curcumin is the main compound in…", "SPF stands for…"."""
COMMERCIAL = _rx(
    r"\b(?:(?:try|buy|shop|order|get|grab)\s+(?:our|my)\s+(?:[\w-]+\s+){0,4}(?:capsules?|tablets?|"
    r"pills?|supplements?|products?|picks?|range|kit|pack|app|course|programme|program|book|ebook|"
    r"bundle|formula|powder|drops|oil|tea|cream|serum|gummies|shop|store)|"
    r"off\s+(?:with|at\s+checkout|your|all|today|everything|when\s+you|for\s+new)|"
    r"codes?\s+[a-z]*\d[a-z0-9]*|coupons?|(?:discount|promo)\s+codes?|"
    r"affiliate\s+(?:links?|partners?|commission)|(?:earn|earns|receive|receives)\s+(?:a\s+)?"
    r"(?:small\s+)?commission|sponsored\s+(?:by|post|content)|paid\s+(?:partnership|promotion)|"
    r"(?:free|limited[- ]time)\s+(?:trial|offer)|money[- ]back\s+guarantee|"
    r"add\s+to\s+(?:cart|basket)|link\s+in\s+bio)\b"
)
"""A sales pitch, an affiliate or a sponsorship line: a conflict of interest."""
AGENCY = re.compile(  # \b(?:FDA|EMA|NICE|WHO|CDC|NHS|MHRA)\b
    r"(?:F(?<!\wF)DA|E(?<!\wE)MA|N(?<!\wN)ICE|W(?<!\wW)HO|C(?<!\wC)DC|N(?<!\wN)HS|M(?<!\wM)HRA)\b"
)
ENTITY = re.compile(r"[A-Z](?<=[a-z,;] [A-Z])[a-z]+(?:\s+[A-Z][a-z]+)*")
"""Capitalised words after a lower-case word, a comma or a semicolon and a space."""

# --- negative cues -----------------------------------------------------------

QUESTION = re.compile(r"\?[\"”’')\]]*\s*$")
OPINION = _rx(
    r"\b(?:i\s+think|i\s+believe|i\s+feel|i\s+hope|i['’]m\s+sure|in\s+my\s+(?:opinion|view|experience)|"
    r"we\s+need\s+to|we\s+must|we\s+should|let['’]s|let\s+us|let\s+me|i\s+(?:love|worry|disagree|"
    r"agree|support|oppose|stand\s+by|want|wish|promise|guarantee)|i['’]m\s+(?:very\s+|so\s+)?"
    r"(?:proud|glad|sure|happy|honou?red|sorry|grateful|a\s+(?:mother|father|parent))|"
    r"i\s+am\s+(?:very\s+|so\s+)?(?:proud|glad|sure|happy|honou?red|sorry|grateful)|"
    r"my\s+heart|shame\s+on|thank\s+you|thanks\s+to\s+(?:you|everyone|all)|"
    r"i['’]ve\s+(?:met|seen|talked|spoken|heard|visited)|i\s+have\s+(?:met|seen|talked|spoken|"
    r"heard|visited)|i\s+(?:don['’]t|do\s+not)\s+know|"
    r"(?:that|this|it)\s+(?:is|was)\s+(?:a\s+)?(?:disgrace|outrageous|unacceptable|wrong|a\s+mistake|"
    r"a\s+tragedy|a\s+crisis|a\s+disaster|a\s+success\s+story)|that['’]s\s+(?:a\s+)?(?:lie|wrong|"
    r"outrageous|unacceptable|a\s+fact|the\s+truth)|it['’]s\s+(?:just\s+)?(?:not\s+for\s+me|"
    r"time)|honestly|be\s+honest|here\s+is\s+the\s+catch|here['’]s\s+the\s+catch)\b"
)
"""First-person opinions and feelings, verdicts without facts."""
INTENTION = _rx(
    r"\b(?:(?:i|we)\s+(?:will|would|shall|plan\s+to|intend\s+to|hope\s+to|have\s+got\s+to|"
    r"got\s+to|ought\s+to|have\s+to|can\s+do|cannot\s+afford|owe|am\s+going\s+to|"
    r"are\s+going\s+to)|(?:i|we)['’](?:ll|d)|(?:i|we)['’]ve\s+got\s+to|i['’]m\s+going\s+to|"
    r"we['’]re\s+going\s+to|i['’]m\s+not\s+going\s+to|we['’]re\s+not\s+going\s+to|"
    r"(?:i|we)\s+(?:am|are)\s+not\s+going\s+to|(?:i|we)\s+won['’]t|can['’]t\s+afford|we\s+can|you\s+can['’]t|"
    r"(?:plans?|planning|intends?|intending|aims?)\s+to|is\s+going\s+to\s+(?:present|publish|"
    r"submit)|(?:would|will)\s+(?:publish|present|submit|be\s+presented))\b"
)
"""Intentions, promises and exhortations: what someone means to do."""
_COMMANDS = (
    r"Talk|Ask|Consult|Try|Make\s+sure|Remember|Avoid|Don['’]t|Do\s+not|Please|Click|Subscribe|"
    r"Read|See|Check|Share|Sign\s+up|Follow|Contact|Call|Visit|Learn|Discover|Explore|Find\s+out|"
    r"Keep|Join|Download|Register|Be\s+sure|Note\s+that|Consider|Take|Use|Apply|Reapply|Eat|"
    r"Drink|Stay|Look\s+for|Look\s+at|Shop|Buy|Get|Leave|Put|Wear|Choose|Go|Start|Stop|Tell|"
    r"Imagine|Think\s+about|Watch|Give|Book|Seek|Limit|Cut\s+down|Wash|Store|Let['’]s|Let\s+me|"
    r"Don['’]t\s+forget|Want|Never|Always|Look"
)
IMPERATIVE = re.compile(
    r"^[\"“*_]*(?:(?:"
    + _COMMANDS
    + r")\b|If\b[^,;]{0,120},\s*(?:"
    + _COMMANDS.lower()
    + r")\b|(?:Anyone|Those|People|Everyone)\s+who\b[^;]{0,120}\bshould\s+(?:call|contact|"
    r"see|talk|ask|seek|book|visit)\b)"
)
"""A call to action; a veto unless a clause after ``;``, ``:`` or a dash carries a claim
(:data:`CLAUSE`)."""
CLAUSE = re.compile(r";|:\s|\s[—–]\s|\s-\s|,\s+(?:because|since|as|which)\b")
SUBJECT_NOUN = re.compile(
    r"(?:\s+[\w'’-]+){1,2}\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|"
    r"fell|rose|grew|[a-z]+ed)\b"
)
"""After a first word that may be a command: a finite verb shows it was a noun."""
ENUMERATION = re.compile(
    r"^[\"“*_]*(?:(?:And|So|Well|Now|Okay|OK),?\s+)?(?:First(?:ly)?(?:\s+of\s+all)?|"
    r"Second(?:ly)?|Third(?:ly)?|Fourth(?:ly)?|Fifth|Finally|Lastly|Last\s+but\s+not\s+least|"
    r"Next|Number\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})|"
    r"(?:One|Two|Three)\s+more\s+things?|Final\s+point|One\s+last\s+thing|Point\s+(?:one|two|"
    r"three|\d))\b[,:]?"
)
"""Enumeration words at the start of a sentence: no quantity, no comparison."""
DISCOURSE = _rx(
    r"\b(?:rather\s+than|other\s+than|more\s+or\s+less|more\s+importantly|most\s+importantly|"
    r"first\s+of\s+all|above\s+all|after\s+all|end\s+of\s+the\s+day|more\s+work\s+to\s+do|"
    r"last\s+(?:two|few|couple\s+of)\s+(?:years|months|weeks|days))\b"
)
"""Discourse markers whose words are not the claim's comparison or quantity."""
EXCLAMATION = re.compile(r"!+[\"”’')\]*_]*\s*$")
META = _rx(
    r"\b(?:this\s+(?:article|post|blog|page|guide)|in\s+this\s+(?:article|post|guide|section)|"
    r"read\s+more|click\s+here|subscribe|newsletter|thanks?\s+(?:you\s+)?for\s+reading|"
    r"share\s+this|all\s+rights\s+reserved|copyright|disclaimer|"
    r"this\s+(?:story|press\s+release|leaflet|explainer|series)|an\s+earlier\s+version|"
    r"been\s+(?:updated|edited|corrected|amended)|names\s+(?:\w+\s+)?(?:have\s+been|were)\s+changed|"
    r"we\s+(?:say\s+so|explain|look\s+at|dig\s+in)|dig\s+in|"
    r"not\s+(?:intended\s+as\s+)?medical\s+advice|information\s+(?:only|purposes)|"
    r"forward-looking\s+statements|differ\s+materially|(?:sources|references|links)\s+are\s+"
    r"(?:listed|numbered|linked|given)|an\s+explainer\s+from|we\s+have\s+time\s+for|"
    r"we['’]re\s+(?:over|out\s+of)\s+time|let['’]s\s+(?:move|turn|talk\s+about|go\s+to))\b"
)
AUXILIARY = _rx(r"\b(?:is|are|was|were|has|have|had|can|may|might|could|will|would|does|do|did)\b")
"""The verb an ``assertion`` cue quotes, when there is one."""
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
    Family("attribution", 0.75, ATTRIBUTION, "attributed statement"),
    Family("null_finding", 1.0, NULL_FINDING, "negative or null finding"),
    Family("definition", 1.0, DEFINITION, "definition"),
    Family("past", 0.5, PAST, "past event"),
    Family("commercial", 3.0, COMMERCIAL, "sales pitch, affiliate or sponsorship"),
)
NEGATIVE: tuple[Family, ...] = (
    Family("question", -2.0, QUESTION, "question", cased=True),
    Family("meta", -2.0, META, "text about the article itself"),
    Family("opinion", -1.5, OPINION, "first-person opinion"),
    Family("intention", -1.5, INTENTION, "intention or promise"),
    Family("imperative", -1.5, IMPERATIVE, "call to action", cased=True),
    Family("enumeration", -0.5, ENUMERATION, "enumeration word", cased=True),
    Family("exclamation", -1.0, EXCLAMATION, "exclamation", cased=True),
)
NEGATIVE_CASED = {f.name: f.pattern for f in NEGATIVE if f.cased}
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
