"""A synthetic archive of minutes: both dialects and the Markdown form, a few with defects.

Deterministic for a given seed, so runs compare like with like. The text is invented
(Eksempel Kommune); sizes and layout follow real exports (10-40 KB, 5-14 items).
"""

from __future__ import annotations

import random
from pathlib import Path

SENTENCES = [
    "Forvaltningen har udarbejdet et udkast, som forelægges til drøftelse.",
    "Der er afsat 2,5 mio. kr. i budget 2025 til formålet.",
    "Sagen har været i høring hos de berørte parter, og høringssvarene er vedlagt.",
    "Udvalget orienteres om status på arbejdet med den nye strategi.",
    "Økonomiudvalget besluttede på sit møde den 14. marts at igangsætte en analyse.",
    "Der forventes et mindreforbrug på 1,2 mio. kr. i forhold til det korrigerede budget.",
    "Formålet er at sikre en ensartet og gennemsigtig sagsbehandling på tværs af områderne.",
    "Arbejdsgruppen anbefaler, at indsatsen forankres i de enkelte afdelinger.",
    "Projektet gennemføres i samarbejde med de øvrige kommuner i regionen.",
    "Borgerne får mulighed for at følge sagen på kommunens hjemmeside.",
    "Det vurderes, at ændringen ikke har betydning for serviceniveauet på ældreområdet.",
    "Skolebestyrelserne har afgivet høringssvar, som er gengivet i bilaget.",
    "Der er tale om en overførsel mellem to bevillinger inden for samme udvalgsområde.",
    "Tidsplanen forudsætter, at lokalplanen vedtages endeligt inden udgangen af året.",
    "Administrationen følger op på sagen og forelægger en status efter sommerferien.",
    "Indsatsen evalueres løbende, og resultaterne præsenteres for udvalget i 2026.",
]
TITLES = [
    "Budgetopfølgning pr. 31. marts",
    "Godkendelse af dagsorden",
    "Status på digitaliseringsstrategien",
    "Anlægsbevilling til renovering af Åskolen",
    "Høring om ny affaldsplan",
    "Trafiksikkerhedsplan 2025 - 2028",
    "Orientering om sygefravær",
    "Ændring af takster for dagtilbud",
    "Lokalplan for boliger ved Søndervej",
    "Vinterberedskab på kommunens veje",
    "Samarbejde med frivillige foreninger",
    "Evaluering af klimaplanen",
]
BODIES = ["Økonomiudvalget", "Byrådet", "Teknik- og Miljøudvalget", "Direktionen", "Børneudvalget"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]  # fmt: skip


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choices(SENTENCES, k=rng.randint(2, 6))) for _ in range(count)]


def minutes(rng: random.Random, dialect: str, defect: str | None) -> str:
    """One minutes file as text."""
    body = rng.choice(BODIES)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2016, 2025)
    items = rng.sample(TITLES, k=rng.randint(4, len(TITLES)))
    markdown = dialect == "markdown"
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    lines = ["", "", f"{h1}REFERAT {body} d. {day:02d}-{month:02d}-{year}", ""]
    lines += [f"Mødedato Mandag d. {day:02d}. {MONTHS[month - 1]} {year} kl. 15:00", ""]
    lines += ["Mødested Rådhuset", "", f"{h2}Indholdsfortegnelse", ""]
    toc = [f"{title}.....\t{page}" for page, title in enumerate([*items, "Eventuelt"], start=3)]
    if defect == "toc":
        toc[0] = toc[0].replace(items[0], items[0] + " og andet")
    lines += [*toc, ""]
    for number, title in enumerate([*items, "Eventuelt"], start=1):
        eventuelt = title == "Eventuelt"
        lines += [f"{h1}Punkt {number}: {title}", ""]
        case = f"{year % 100:02d}-{rng.randint(1000, 999999):06d}"
        if dialect == "new":
            if not eventuelt and not (defect == "case" and number == 1):
                lines += [case, ""]
            lines += ["Beslutning", "", "-" if eventuelt else "Godkendt.", ""]
            if eventuelt:
                continue
            lines += ["Sagsfremstilling", "", "Resume og sagens baggrund", ""]
        else:
            lines += [f"{h2}Sagsfremstilling", "", f"{number}. {title}", "", "Åbent", ""]
            if not (defect == "case" and number == 1):
                lines += [f"Sagsnr.: 326-{year}-{rng.randint(1000, 99999)} J.nr.: 00.01.00", ""]
            if not eventuelt:
                lines += ["Sagstype", "", "Beslutning.", "", "Resume og sagens baggrund", ""]
        if not eventuelt:
            for paragraph in _paragraphs(rng, rng.randint(3, 12)):
                lines += [paragraph, ""]
            lines += ["Indstillinger", "", "Direktøren indstiller, at sagen godkendes.", ""]
        if dialect != "new":
            lines += [f"{body}s møde den {day}. {MONTHS[month - 1]} {year}:", ""]
            lines += ["-" if eventuelt else "Godkendt.", ""]
    text = "\n".join(lines)
    if defect == "mojibake":
        text = text.replace("Økonomiudvalget besluttede", "Ã˜konomiudvalget besluttede", 1)
        text = text.replace("høring", "hÃ¸ring", 1)
    elif defect == "lossy":
        text = text.replace("drøftelse", "drÅ,ftelse", 1).replace(" på ", " pÅ¥ ", 1)
    return text


def write_archive(folder: Path, count: int, seed: int = 2026, defect_rate: float = 0.04) -> int:
    """Write `count` minutes files into year folders; returns the total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for index in range(count):
        dialect = rng.choice(["old", "new", "markdown"])
        defect = (
            rng.choice(["mojibake", "lossy", "case", "toc"]) if rng.random() < defect_rate else None
        )
        data = minutes(rng, dialect, defect).encode("utf-8")
        sub = folder / str(2016 + index % 10)
        sub.mkdir(parents=True, exist_ok=True)
        suffix = ".md" if dialect == "markdown" else ".txt"
        (sub / f"referat-{index:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total
