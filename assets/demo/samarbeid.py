"""Demo file for inter-municipal cooperation (`assets.sources.samarbeid`): for each kommune of the demo
world in the report year, whether it cooperates, small kommuner more often, as the report finds."""

from assets.sources.samarbeid import SAMARBEID
from pipeline.demo import DemoWorld, stable_random


def files(report_year: int) -> dict[str, bytes]:
    lines = ["kommunenummer;formelt_samarbeid;per_dato"]
    for kommune in DemoWorld().kommuner:
        if not kommune.exists(report_year):
            continue
        # Small kommuner cooperate more often, as the report finds.
        chance = 0.7 if kommune.population_2015 < 5000 else 0.35 if kommune.population_2015 < 20_000 else 0.1
        answer = "ja" if stable_random("samarbeid", kommune.code).random() < chance else "nei"
        lines.append(f"{kommune.code};{answer};31.08.{report_year}")
    return {f"bufdir/{SAMARBEID.name}.csv": ("\n".join(lines) + "\n").encode("utf-8")}
